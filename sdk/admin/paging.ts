/**
 * Every item of a paged admin list, page after page (the API's `limit` /
 * `cursor` / `nextCursor` convention).
 *
 * @example
 * for await (const entry of eachPage((cursor) => admin.listAudit({ cursor }), (page) => page.entries)) console.log(entry.action);
 */
export async function* eachPage<P extends { nextCursor: string | null }, T>(
  fetchPage: (cursor: string | undefined) => Promise<P>,
  itemsOf: (page: P) => readonly T[],
): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* itemsOf(page);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
