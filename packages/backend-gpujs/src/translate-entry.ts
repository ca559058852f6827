// The translator pulls in the kernel front end and binaryen (about 0.4 s to load): loaded on
// the first call, so importing this package (the CLI imports every backend) stays cheap.
const translator = () => import('./translate/dispatch-translation.js');

export type Translator = Awaited<ReturnType<typeof translator>>;

export function loadTranslator(): Promise<Translator> {
  return translator();
}
