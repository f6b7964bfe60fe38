/**
 * A manage link's flow and view (B16), a chunk of their own: a page opened
 * to book never fetches them (the entry stays small), a manage link fetches
 * them alongside its booking.
 */
export { ManageFlow } from './manage-flow.ts';
export { renderManage } from './render-manage.ts';
