import { api, type Api } from '../../../common/api/contract';
import { createContractClient, type ContractClient } from '../../../ui/api/contract-client';

/** The kiosk UI's client: the shared contract client over the local service's contract. */
export type ApiClient = ContractClient<Api>;

export interface ApiClientOptions {
  /** Origin of the service, e.g. `http://127.0.0.1:8420`. */
  baseUrl: string;
  /** null when the shell handed the secret over as a cookie (common/shell-handover.ts): requests carry it by themselves. */
  secret: string | null;
  fetch?: typeof fetch;
}

export function createApiClient({ baseUrl, secret, fetch }: ApiClientOptions): ApiClient {
  return createContractClient(api, { baseUrl, bearer: secret, ...(fetch === undefined ? {} : { fetch }) });
}
