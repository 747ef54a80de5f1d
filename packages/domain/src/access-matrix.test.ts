import { DomainError, Role, mayRun, requireOperation, type Principal } from './index';

const p = (roles: Role[], scopes?: string[]): Principal => ({ tenantId: 't', subject: 's', roles, scopeOrgUnitId: null, ...(scopes ? { scopes } : {}) });

describe('the role × operation table (OPERATION_ACCESS)', () => {
  it('lets a listed role run the operation and refuses the others with the roles it needs', () => {
    expect(mayRun(p([Role.COMMITTEE_STAFF]), 'createOrgUnit')).toBe(true);
    expect(() => requireOperation(p([Role.CELL_SECRETARY]), 'createOrgUnit')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { requiredRoles: [Role.CITY_ADMIN, Role.COMMITTEE_STAFF] } }),
    );
  });

  it('asks an API key for the scope as well as the integrator role', () => {
    expect(mayRun(p([Role.INTEGRATOR], ['membership:read']), 'members')).toBe(true);
    expect(mayRun(p([Role.INTEGRATOR], ['meetings:read']), 'members')).toBe(false);
    let err: unknown;
    try {
      requireOperation(p([Role.INTEGRATOR], ['meetings:read']), 'members');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details).toEqual({ requiredScope: 'membership:read' });
    // A person's role is not an API key: no scope asked of a city admin.
    expect(mayRun(p([Role.CITY_ADMIN]), 'members')).toBe(true);
  });
});
