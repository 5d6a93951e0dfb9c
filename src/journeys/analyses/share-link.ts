/** The API link that answers the same analysis again: how a view is shared. */
export function shareLink(path: string, definition: unknown): string {
  return `${path}?definition=${encodeURIComponent(JSON.stringify(definition))}`;
}
