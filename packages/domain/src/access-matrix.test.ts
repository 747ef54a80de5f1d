import { DomainError, Role, mayRun, requireOperation, requireRootField, type Principal } from './index';

const p = (roles: Role[], scopes?: string[]): Principal => ({ tenantId: 't', subject: 's', roles, scopeOrgUnitId: null, ...(scopes ? { scopes } : {}) });

describe('the role × operation table (OPERATION_ACCESS)', () => {
  it('lets a listed role run the operation and refuses the others with the roles it needs', () => {
    expect(mayRun(p([Role.COMMITTEE_STAFF]), 'createOrgUnit')).toBe(true);
    expect(() => requireOperation(p([Role.CELL_SECRETARY]), 'createOrgUnit')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', messageEn: 'Your role may not run createOrgUnit', details: { operation: 'createOrgUnit', requiredRoles: [Role.CITY_ADMIN, Role.COMMITTEE_STAFF] } }),
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
    expect((err as DomainError).details).toEqual({ operation: 'members', requiredScope: 'membership:read' });
    expect((err as DomainError).messageVi).toBe('Khóa API thiếu quyền membership:read để thực hiện members');
    // A person's role is not an API key: no scope asked of a city admin.
    expect(mayRun(p([Role.CITY_ADMIN]), 'members')).toBe(true);
  });

  it('lets a key read inspections with inspection:read, and record meetings with meetings:write, but not discipline cases', () => {
    expect(mayRun(p([Role.INTEGRATOR], ['inspection:read']), 'inspection')).toBe(true);
    expect(mayRun(p([Role.INTEGRATOR], ['inspection:read']), 'supervision')).toBe(true);
    expect(mayRun(p([Role.INTEGRATOR], ['inspection:read']), 'disciplineCase')).toBe(false);
    expect(mayRun(p([Role.INTEGRATOR], ['meetings:read']), 'inspection')).toBe(false);
    expect(mayRun(p([Role.INTEGRATOR], ['meetings:write']), 'recordMeeting')).toBe(true);
    expect(mayRun(p([Role.INTEGRATOR], ['meetings:read']), 'recordMeeting')).toBe(false);
    // The member records stay with people: no scope opens them to a key.
    expect(mayRun(p([Role.INTEGRATOR], ['meetings:write', 'membership:read']), 'admitMember')).toBe(false);
  });

  it('refuses a root field the table does not name, whoever asks (fail closed)', () => {
    expect(() => requireRootField(p([Role.CITY_ADMIN]), 'dropEverything')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', details: { operation: 'dropEverything', reason: 'notInAccessTable' } }),
    );
    expect(() => requireRootField(p([Role.CITY_ADMIN]), 'toString')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireRootField(p([Role.CITY_ADMIN]), 'createOrgUnit')).not.toThrow();
  });
});
