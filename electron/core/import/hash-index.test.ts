// Several records to one fingerprint: taking one out leaves the others findable; a changed text moves its record.
import { describe, expect, it } from 'vitest';
import { HashIndex } from './hash-index';

describe('HashIndex', () => {
  it('keeps every record under a fingerprint, and moves one whose fingerprint changes', () => {
    const index = new HashIndex();
    index.set('x', 'h1');
    index.set('y', 'h1');
    expect(index.get('h1')).toBe('x');
    index.remove('x');
    expect(index.get('h1')).toBe('y');
    index.set('y', 'h2');
    expect(index.get('h1')).toBeUndefined();
    expect(index.get('h2')).toBe('y');
    index.remove('y');
    expect(index.get('h2')).toBeUndefined();
  });
});
