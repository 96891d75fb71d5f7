import { describe, expect, it } from 'vitest';
import { openSession, SESSION_IDLE_MS } from '../storage/sessions';
import { addLawyer, answeredCall, ask, setDuty } from '../testing/call-clients';
import { consoleSocket, type LiveClient } from '../testing/live-clients';
import { ENGINES } from '../testing/test-storage';
import { useTestHub, type TestHub } from '../testing/test-hub';

/**
 * The idle timeout and lawyers waiting for calls: a lawyer on 在线接待, or
 * in a call, whose console's socket speaks (its pings) stays signed in
 * past 30 minutes without a request; in any other status, with a silent
 * socket, or once the session ended, the timeout is the timeout.
 */

const ping = (socket: LiveClient) => ask(socket, { type: 'ping' });

/** The hub's answer to "who am I" with this session: 200 while it lives, 401 once it ended. */
async function standing(hub: TestHub, token: string): Promise<number> {
  return (await hub.call({ method: 'GET', path: '/api/session/me', token })).statusCode;
}

describe.each(ENGINES)('a lawyer’s session while they wait for calls, on %s', { timeout: 30_000 }, (engine) => {
  const hub = useTestHub(engine, { listen: true });

  it('does not end while on 在线接待 or in a call and the console speaks; away, silent or ended, it does', async () => {
    const waiting = await addLawyer(hub);
    await setDuty(waiting.console, 'available');
    const { lawyer: talking, callId } = await answeredCall(hub);
    // In a call counts whatever the status says.
    await setDuty(talking.console, 'away');
    const away = await addLawyer(hub);
    await setDuty(away.console, 'away');
    // On duty, but its socket says nothing (a page whose socket hangs): nothing slides its session.
    const silent = await addLawyer(hub);
    await setDuty(silent.console, 'available');
    const officer = await hub.addAccount('case.officer', 'case-officer', '420100');
    const officerToken = await openSession(hub.storage.storage.db, officer.id, 'full', hub.now());
    const officerSocket = await consoleSocket(hub, officerToken);

    // Three quarters of an hour without a request; the consoles ping as the page does (here every quarter).
    for (let i = 0; i < 3; i++) {
      hub.advance(SESSION_IDLE_MS / 2);
      for (const socket of [waiting.console, talking.console, away.console, officerSocket]) await ping(socket);
    }
    // Its session ended meanwhile: speaking now does not bring it back.
    await ping(silent.console);
    expect({
      waiting: await standing(hub, waiting.token),
      talking: await standing(hub, talking.token),
      away: await standing(hub, away.token),
      silent: await standing(hub, silent.token),
      officer: await standing(hub, officerToken),
    }).toEqual({ waiting: 200, talking: 200, away: 401, silent: 401, officer: 401 });

    // The call over and the other lawyer gone 暂离: from their last request the timeout runs as for anyone.
    await ask(talking.console, { type: 'call-end', callId });
    await setDuty(waiting.console, 'away');
    for (let i = 0; i < 2; i++) {
      hub.advance(SESSION_IDLE_MS / 2);
      for (const socket of [waiting.console, talking.console]) await ping(socket);
    }
    expect({ waiting: await standing(hub, waiting.token), talking: await standing(hub, talking.token) }).toEqual({
      waiting: 401,
      talking: 401,
    });
  });
});
