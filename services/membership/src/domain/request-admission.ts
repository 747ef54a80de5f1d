import { requireOperation, requireTenant, type Principal } from '@chibo/domain';

export { admitRequest, budgetWindow, type Admission, type AdmissionPorts, type AdmissionRequest, type Bucket } from '@chibo/domain';

export interface ApiSettings {
  /** Only documents of the persisted manifest (the web dashboard's) are executed for this tenant. */
  persistedDocumentsOnly: boolean;
}

export interface ApiSettingsPorts {
  apiSettings(): Promise<ApiSettings>;
  setApiSettings(settings: ApiSettings): Promise<void>;
}

export async function readApiSettings(principal: Principal, ports: ApiSettingsPorts): Promise<ApiSettings> {
  requireTenant(principal);
  requireOperation(principal, 'apiSettings');
  return ports.apiSettings();
}

/** A city administrator locks the tenant's API to the persisted documents, or opens it again. */
export async function changeApiSettings(principal: Principal, settings: ApiSettings, ports: ApiSettingsPorts): Promise<ApiSettings> {
  requireTenant(principal);
  requireOperation(principal, 'setApiSettings');
  await ports.setApiSettings({ persistedDocumentsOnly: settings.persistedDocumentsOnly });
  return ports.apiSettings();
}
