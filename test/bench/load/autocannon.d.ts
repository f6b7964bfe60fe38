// autocannon ships no types; the load benchmark uses only this much of it.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  export interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  export interface Options {
    url: string | string[];
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Array<Request & { setupRequest?: (request: Request) => Request }>;
  }
  export interface Instance extends EventEmitter, PromiseLike<unknown> {}
  export default function autocannon(options: Options): Instance;
}
