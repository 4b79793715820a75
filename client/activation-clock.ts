/**
 * When the extension's code began to run. extension.ts imports this module before any other,
 * so the bundle evaluates it first; extension.ts, evaluated last, calls `modulesEvaluated()`.
 * Between the two: evaluating the modules (vscode-languageclient above all). Reading and
 * compiling the bundle come before this line and are not counted; the benchmark harness times a
 * cold load with them. VS Code may wait between loading the module and calling activate().
 */
const modulesStarted = performance.now();
let modulesMs = 0;

/** Marks the end of the bundle's evaluation (called at the top level of extension.ts). */
export function modulesEvaluated(): void {
  modulesMs = performance.now() - modulesStarted;
}

/** How long activation took, in milliseconds; logged, and returned by activate() to tests. */
export interface ActivationTimes {
  /** evaluating the bundle's modules, from the first to the last */
  modules: number;
  /** the call of activate() until it returned to VS Code (it then waits for the server) */
  call: number;
  /** the call of activate() until the language client library was loaded and the client made */
  client?: number;
  /** the call of activate() until the language server answered `initialize` */
  ready?: number;
}

/** Starts timing at the call of activate(): `returned()` and `ready()` complete the figures. */
export class ActivationClock {
  private readonly called = performance.now();
  readonly times: ActivationTimes = { modules: modulesMs, call: 0 };

  returned(): void {
    this.times.call = performance.now() - this.called;
  }

  clientMade(): void {
    this.times.client = performance.now() - this.called;
  }

  ready(): void {
    this.times.ready = performance.now() - this.called;
  }

  /** One line for the log channel. */
  describe(): string {
    const { modules, call, ready } = this.times;
    const { client } = this.times;
    const made = client === undefined ? '' : `; the language client was made after ${ms(client)}`;
    const server = ready === undefined ? '' : `, the language server ready after ${ms(ready)}`;
    const parts = `${ms(modules)} evaluating the modules, ${ms(call)} in activate()`;
    return `Activated in ${ms(modules + call)} (${parts})${made}${server}.`;
  }
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}
