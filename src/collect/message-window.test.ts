import { describe, expect, it } from 'vitest';
import { MessageWindow } from './message-window.ts';

const day = 86_400_000;

describe('MessageWindow', () => {
  it('remembers ids per workspace', () => {
    const window = new MessageWindow(7 * day);
    window.add('w1', 'm1', 0);
    expect(window.has('w1', 'm1')).toBe(true);
    expect(window.has('w2', 'm1')).toBe(false);
  });
  it('keeps an id for the whole window and forgets it after', () => {
    const window = new MessageWindow(7 * day);
    window.add('w', 'old', 0);
    window.add('w', 'new', 3 * day);
    window.expire(7 * day);
    expect(window.has('w', 'old')).toBe(true);
    window.expire(7 * day + 1);
    expect(window.has('w', 'old')).toBe(false);
    expect(window.has('w', 'new')).toBe(true);
    expect(window.size).toBe(1);
  });
});
