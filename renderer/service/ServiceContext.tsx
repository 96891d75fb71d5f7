import { type ReactNode, createContext, useContext, useSyncExternalStore } from 'react';
import type { ApiClient } from '../api/client';
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
