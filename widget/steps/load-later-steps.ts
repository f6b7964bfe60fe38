type LaterSteps = typeof import('./later-steps.ts');

let loaded: LaterSteps | undefined;
let loading: Promise<LaterSteps> | undefined;
let failure: unknown;

/** The later steps if their chunk is here, else undefined. */
export function laterSteps(): LaterSteps | undefined {
  return loaded;
}

/** Why the last fetch of the chunk failed, until a new one starts. */
export function laterStepsFailure(): unknown {
  return failure;
}

/** Fetches the later steps' chunk once (a failed fetch may be retried). */
export function loadLaterSteps(): Promise<LaterSteps> {
  failure = undefined;
  loading ??= import('./later-steps.ts').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      failure = error ?? new Error('chunk failed');
      throw error;
    },
  );
  return loading;
}
