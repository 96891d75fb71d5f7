import { type ReactNode, createContext, useContext, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ServiceEvent } from '../../../common/api/events';
import type { ApiClient } from './api-client';
import type { ServiceConnection, ServiceSnapshot } from './connection';

export interface Services {
  client: ApiClient;
  connection: ServiceConnection;
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ services, children }: { services: Services; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
}

/** The typed client for screens that call the service. */
export function useApi(): ApiClient {
  return useServices().client;
}

/** Connection phase and the latest health; re-renders when either changes. */
export function useServiceSnapshot(): ServiceSnapshot {
  const { connection } = useServices();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}

/**
 * Calls `handler` with every event the service pushes while the calling
 * screen is mounted. The latest handler is used, so it may close over state
 * without resubscribing on every render.
 */
export function useServiceEvents(handler: (event: ServiceEvent) => void): void {
  const { connection } = useServices();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => connection.onEvent((event) => latest.current(event)), [connection]);
}
