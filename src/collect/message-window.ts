/**
 * The message ids seen over the deduplication window, per workspace. Entries are added in the
 * order they were received, so expiry only ever looks at the oldest end.
 */
export class MessageWindow {
  private readonly received = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  has(workspaceId: string, messageId: string): boolean {
    return this.received.has(key(workspaceId, messageId));
  }

  add(workspaceId: string, messageId: string, receivedAtMs: number): void {
    const k = key(workspaceId, messageId);
    this.received.delete(k);
    this.received.set(k, receivedAtMs);
  }

  /** Forgets ids received before `nowMs - window`. */
  expire(nowMs: number): void {
    const oldest = nowMs - this.windowMs;
    for (const [k, at] of this.received) {
      if (at >= oldest) break;
      this.received.delete(k);
    }
  }

  get size(): number {
    return this.received.size;
  }
}

function key(workspaceId: string, messageId: string): string {
  return `${workspaceId}\u0001${messageId}`;
}
