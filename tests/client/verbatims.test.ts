import { describe, expect, it } from 'vitest';
import { parseKeywords, segments } from '../../client/src/features/verbatims/model/labels';

describe('comment highlighting', () => {
  it('cuts a comment into plain and highlighted pieces, preferring the search match on the same words', () => {
    const text = 'Waited in the phone queue, angry';
    const parts = segments(
      text,
      [
        { start: 20, end: 25, kind: 'THEME', label: 'WAITING_TIME' },
        { start: 20, end: 25, kind: 'SEARCH', label: 'queue' },
        { start: 27, end: 32, kind: 'FEELING', label: 'ANGER' },
        { start: 28, end: 30, kind: 'NEGATIVE', label: '-3' },
      ],
      (h) => h.kind,
    );
    expect(parts.map((p) => [p.text, p.kind])).toEqual([
      ['Waited in the phone ', null],
      ['queue', 'SEARCH'],
      [', ', null],
      ['angry', 'FEELING'],
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('reads keywords one per line or comma-separated, lower case and once', () => {
    expect(parseKeywords('Queue\nwaiting time, queue ,\n\n')).toEqual(['queue', 'waiting time']);
  });
});
