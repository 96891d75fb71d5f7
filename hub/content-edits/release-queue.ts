/**
 * Runs publications one at a time in this process: a build takes seconds
 * and uses the machine's cores, and two built at once would race for the
 * next release number only to have the later one repeat the first's work.
 * A job that fails does not stop the ones after it.
 */
export class ReleaseQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
