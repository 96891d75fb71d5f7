import { Duplex } from 'node:stream';
import { UnpluggedError } from './unplugged';

/**
 * Two connected in-memory streams, a serial cable for unit tests and the
 * in-process simulators: what one end writes, the other reads.
 *
 * Closing (destroying) either end unplugs the cable: the other end is
 * destroyed with an {@link UnpluggedError}, as a serial port closes when its
 * device goes away, so each end must listen for 'error' as it would on a port.
 * Ending one end (end()) ends what the other reads, and nothing more.
 *
 * Not Node's `stream.duplexPair()`: on Node 24 destroying one of its ends
 * leaves the other open, and a write still waiting for the far end to read
 * never calls back once that end is gone, so a driver writing into a pulled
 * cable would wait forever instead of failing as it does on a port. A write
 * here completes as soon as the bytes are on the line, whether or not anyone
 * reads them, as on a serial line.
 */
export function createDuplexPair(): [Duplex, Duplex] {
  const make = (peer: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        const other = peer();
        // A copy: the writer may reuse its buffer once the write has completed.
        if (!other.destroyed) other.push(Buffer.from(chunk));
        callback();
      },
      final(callback) {
        peer().push(null);
        callback();
      },
    });
  const a: Duplex = make(() => b);
  const b: Duplex = make(() => a);
  const unplugOnClose = (end: Duplex, other: Duplex) =>
    end.once('close', () => {
      if (!other.destroyed) other.destroy(new UnpluggedError('the other end of the cable closed'));
    });
  unplugOnClose(a, b);
  unplugOnClose(b, a);
  return [a, b];
}
