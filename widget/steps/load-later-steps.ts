type LaterSteps = typeof import('./later-steps.ts');

let loaded: LaterSteps | undefined;
let loading: Promise<LaterSteps> | undefined;

/** The later steps if their chunk is here, else undefined. */
export function laterSteps(): LaterSteps | undefined {
  return loaded;
}

/** Fetches the later steps' chunk once (a failed fetch may be retried). */
export function loadLaterSteps(): Promise<LaterSteps> {
  loading ??= import('./later-steps.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
