// The doors' common path: argument schemas and dispatch(), which never lets a bad call reach a handler.
import { describe, expect, it } from 'vitest';
import { CONTRACT_KEYS, type ContractKey } from '../contract';
import { text } from '../common/i18n/text';
import { CairnError } from './errors';
import { argumentSchemas, isContractKey, validateArgs } from './schemas';
import { dispatch, type Handlers } from './workspace';

/** A handler table that records every call and answers with what `answer` returns or throws. */
function recordingHandlers(answer: (key: ContractKey, args: unknown) => unknown = () => 'ok') {
  const calls: { key: ContractKey; args: unknown }[] = [];
  const handlers = Object.fromEntries(
    CONTRACT_KEYS.map((key) => [
      key,
      async (args: unknown) => {
        calls.push({ key, args });
        return answer(key, args);
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('argument schemas', () => {
  it('take a backup restore of the whole archive, a record or a file inside the archive, and nothing outside it', () => {
    expect(validateArgs('backups.restore', {})).toEqual({});
    expect(validateArgs('backups.restore', { backup: '20261123T101530123Z-3fa2c1', record: 'abc-123' })).toMatchObject({ record: 'abc-123' });
    expect(validateArgs('backups.restore', { file: 'entities/f3/f3g99np2ct.json' })).toMatchObject({ file: 'entities/f3/f3g99np2ct.json' });
    for (const file of ['../elsewhere.json', '/etc/passwd', 'records/../../x.json', 'C:\\x.json', 'records\\x.json', './records/x.json']) {
      expect(() => validateArgs('backups.restore', { file }), file).toThrow(CairnError);
    }
    expect(() => validateArgs('backups.restore', { backup: '../x' })).toThrow(CairnError);
    expect(() => validateArgs('backups.restore', { record: 'a', file: 'records/a/a.json' })).toThrow(/not both/);
  });

  it('exist for exactly the contract keys', () => {
    expect(Object.keys(argumentSchemas).sort()).toEqual([...CONTRACT_KEYS].sort());
    expect(isContractKey('records.get')).toBe(true);
    expect(isContractKey('toString')).toBe(false);
    expect(isContractKey('__proto__')).toBe(false);
  });

  it('accept well-formed arguments and turn "no arguments" into undefined', () => {
    expect(validateArgs('records.update', { id: 'abc-123_X', ifRev: 2, changes: { title: 'T', tags: ['a'], confirm: ['date'] } })).toEqual({
      id: 'abc-123_X',
      ifRev: 2,
      changes: { title: 'T', tags: ['a'], confirm: ['date'] },
    });
    expect(validateArgs('app.info', undefined)).toBeUndefined();
    expect(validateArgs('app.info', null)).toBeUndefined();
    expect(validateArgs('app.info', {})).toBeUndefined();
    expect(validateArgs('records.list', { sort: { field: 'date', direction: 'desc' } })).toEqual({ sort: { field: 'date', direction: 'desc' } });
  });

  it.each<[ContractKey, unknown, string]>([
    ['records.get', { id: '../../etc/passwd' }, 'id'],
    ['records.get', { id: 'a/b' }, 'id'],
    ['records.get', { id: '' }, 'id'],
    ['records.get', { id: 42 }, 'id'],
    ['records.get', { id: 'ok', extra: true }, ''],
    ['records.get', undefined, ''],
    ['records.update', { id: 'ok', changes: { title: 'x', owner: 'me' } }, 'changes'],
    ['records.update', { id: 'ok', changes: { status: 'done' } }, 'changes.status'],
    ['records.update', { id: 'ok', ifRev: -1, changes: {} }, 'ifRev'],
    ['records.update', { id: 'ok', changes: { confirm: ['text'] } }, 'changes.confirm.0'],
    ['records.list', { sort: { field: 'text', direction: 'asc' } }, 'sort.field'],
    ['records.import', { files: [] }, 'files'],
    ['records.import', { files: [{ name: 'a.txt', dataBase64: 'QQ==', path: '/etc/passwd' }] }, 'files.0'],
    ['search.query', { query: 'x', limit: 0 }, 'limit'],
    ['search.query', { query: 'x'.repeat(2001) }, 'query'],
    ['archive.open', { path: 'a\0b' }, 'path'],
    ['export.start', { format: 'xml', folder: '/tmp' }, 'format'],
    ['export.start', { format: 'csv', folder: '/tmp', name: '../x' }, 'name'],
    ['jobs.status', { job: 'not-a-job' }, 'job'],
    ['app.info', { anything: 1 }, ''],
  ])('refuse %s %j with E_VALIDATION', (key, raw, where) => {
    let error: unknown;
    try {
      validateArgs(key, raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CairnError);
    expect(error).toMatchObject({ code: 'E_VALIDATION' });
    expect((error as Error).message).toContain(`Invalid request for ${key}`);
    if (where) expect((error as Error).message).toContain(`at ${where}`);
  });
});

describe('dispatch', () => {
  it('calls the handler with the validated arguments and wraps the result', async () => {
    const { handlers, calls } = recordingHandlers(() => ({ total: 0, hits: [] }));
    expect(await dispatch(handlers, 'search.query', { query: 'Almaty' })).toEqual({ ok: true, result: { total: 0, hits: [] } });
    expect(calls).toEqual([{ key: 'search.query', args: { query: 'Almaty' } }]);
  });

  it('refuses an unknown key with E_VALIDATION, including keys inherited from Object', async () => {
    const { handlers, calls } = recordingHandlers();
    for (const key of ['records.delete', 'constructor', '__proto__', 'toString', '']) {
      const envelope = await dispatch(handlers, key, {});
      expect(envelope, key).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    }
    expect(calls).toEqual([]);
  });

  it('never calls the handler with bad arguments', async () => {
    const { handlers, calls } = recordingHandlers();
    const bad: [string, unknown][] = [
      ['records.get', { id: '../secret' }],
      ['records.get', { id: 'x', more: 1 }],
      ['records.update', { id: 'x', changes: { title: 5 } }],
      ['records.update', { id: 'x', changes: { tags: 'not-a-list' } }],
      ['search.query', { query: ['a'] }],
      ['records.list', 'everything'],
    ];
    for (const [key, args] of bad) {
      const envelope = await dispatch(handlers, key, args);
      expect(envelope, `${key} ${JSON.stringify(args)}`).toMatchObject({ ok: false, error: { code: 'E_VALIDATION', message: expect.any(String) } });
    }
    expect(calls).toEqual([]);
  });

  it('maps a CairnError to its own code and message', async () => {
    const { handlers } = recordingHandlers(() => {
      throw new CairnError('E_NOT_FOUND', text('record_not_found', { id: 'abc' }));
    });
    expect(await dispatch(handlers, 'records.get', { id: 'abc' })).toEqual({
      ok: false,
      error: { code: 'E_NOT_FOUND', message: 'No record with id abc in this archive.', text: { key: 'record_not_found', params: { id: 'abc' } } },
    });
  });

  it('maps a full disk (ENOSPC) to E_IO with a sentence a person can act on', async () => {
    const { handlers } = recordingHandlers(() => {
      throw Object.assign(new Error("ENOSPC: no space left on device, write '/archive/records/ab/x.json'"), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    });
    const envelope = await dispatch(handlers, 'records.update', { id: 'x', changes: { title: 'T' } });
    expect(envelope).toEqual({ ok: false, error: { code: 'E_IO', message: 'The disk is full: nothing was changed. Free some space and try again.', text: { key: 'error_disk_full' } } });
  });

  it('maps permission and other file-system errors to E_IO naming the cause, and anything else to E_INTERNAL', async () => {
    const eacces = recordingHandlers(() => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', path: '/media/usb/archive' });
    });
    expect(await dispatch(eacces.handlers, 'archive.info', undefined)).toEqual({
      ok: false,
      error: { code: 'E_IO', message: expect.stringContaining('/media/usb/archive'), text: { key: 'error_may_not_write', params: { code: 'EACCES', path: '/media/usb/archive' } } },
    });
    const eio = recordingHandlers(() => {
      throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
    });
    expect(await dispatch(eio.handlers, 'archive.info', undefined)).toMatchObject({ ok: false, error: { code: 'E_IO', message: expect.stringContaining('EIO') } });
    const bug = recordingHandlers(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'title')");
    });
    expect(await dispatch(bug.handlers, 'archive.info', undefined)).toMatchObject({ ok: false, error: { code: 'E_INTERNAL' } });
    const odd = recordingHandlers(() => {
      throw 'a string';
    });
    expect(await dispatch(odd.handlers, 'archive.info', undefined)).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: 'a string' } });
  });
});
