import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../contract';
import { historyView } from './history-view';

let n = 0;
const entry = (op: string, at: string, field: string, before: unknown, after: unknown, extra: Partial<ChangeEntry> = {}): ChangeEntry => ({
  change: `${op}.${++n}`,
  op,
  kind: 'edit',
  record: 'r1',
  rev: n,
  clock: `${at}-0000-a1`,
  at,
  who: { name: 'Aigerim', replica: 'a1' },
  field,
  before: before as ChangeEntry['before'],
  after: after as ChangeEntry['after'],
  ...extra,
});

describe('the history as the window shows it', () => {
  it('reads saves made while typing as one change, from the value before the first to the value after the last', () => {
    const view = historyView([
      entry('c', '2026-11-23T10:00:06.000Z', 'place', 'Ashga', 'Ashgabat'),
      entry('b', '2026-11-23T10:00:03.000Z', 'place', 'Ash', 'Ashga'),
      entry('a', '2026-11-23T10:00:00.000Z', 'place', 'Almaty', 'Ash'),
    ]);
    expect(view).toHaveLength(1);
    expect(view[0]![0]).toMatchObject({ op: 'c', before: 'Almaty', after: 'Ashgabat', change: expect.stringMatching(/^a\./) });
  });

  it('never folds a restore, a comment, a pause, another field or another person into a typing run', () => {
    const base = [entry('a', '2026-11-23T10:00:00.000Z', 'title', 'One', 'Two')];
    const cases = [
      entry('b', '2026-11-23T10:00:02.000Z', 'title', 'Two', 'One', { kind: 'restore' }),
      entry('b', '2026-11-23T10:00:02.000Z', 'title', 'Two', 'Three', { comment: 'why' }),
      entry('b', '2026-11-23T10:01:00.000Z', 'title', 'Two', 'Three'),
      entry('b', '2026-11-23T10:00:02.000Z', 'place', '', 'Osh'),
      entry('b', '2026-11-23T10:00:02.000Z', 'title', 'Two', 'Three', { who: { name: 'Dmitri', replica: 'a1' } }),
    ];
    for (const newer of cases) expect(historyView([newer, ...base]), JSON.stringify(newer)).toHaveLength(2);
  });

  it('shows the review mark and an edit’s own confirmation with the change they belong to', () => {
    const view = historyView([
      entry('s', '2026-11-23T11:00:00.000Z', 'status', 'new', 'reviewed', { kind: 'review' }),
      entry('s', '2026-11-23T11:00:00.000Z', 'review', null, { status: 'reviewed' }, { kind: 'review' }),
      entry('s', '2026-11-23T11:00:00.000Z', 'proposed', true, false, { kind: 'review', item: 'date' }),
      entry('t', '2026-11-23T10:00:00.000Z', 'title', 'a', 'b'),
      entry('t', '2026-11-23T10:00:00.000Z', 'proposed', true, false, { item: 'title' }),
    ]);
    expect(view.map((g) => g.map((e) => `${e.field}${e.item ? `:${e.item}` : ''}`))).toEqual([['status', 'proposed:date'], ['title']]);
  });
});
