require('reflect-metadata');
const { benchRows, toCsv } = require('./dist');
const { importMembers, readMemberFile } = require('@chibo/membership');
(async () => {
  const units = [{ id: '00000000-0000-4000-8000-000000000001', tenantId: 't', parentId: null, kind: 'COMMITTEE', name: 'Root', lineage: ['00000000-0000-4000-8000-000000000001'], validFrom: '2000-01-01' }];
  const cells = [];
  for (let i = 0; i < 40; i++) { const id = `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`; units.push({ id, tenantId: 't', parentId: units[0].id, kind: 'CELL', name: `Chi bộ ${i}`, lineage: [units[0].id, id], validFrom: '2000-01-01' }); cells.push({ id, name: `Chi bộ ${i}`, committee: '' }); }
  const sheet = await readMemberFile(toCsv(benchRows({ cells, grassroots: [] }, 30000, 'X')));
  const ports = { allOrgUnits: async () => units, membersByCard: async () => [], memberEvents: async () => [], insertMembers: async () => {}, updateMembers: async () => {}, appendEvents: async () => {}, publish: () => {} };
  const p = { tenantId: '00000000-0000-4000-8000-0000000000ff', subject: 's', roles: ['city_admin'], scopeOrgUnitId: null };
  for (let k = 0; k < 2; k++) { const t = performance.now(); const r = await importMembers(p, sheet, ports, { commit: true }); console.log(r.counts, performance.now() - t); }
})();
