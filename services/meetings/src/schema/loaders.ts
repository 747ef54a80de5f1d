import { isInScope } from '@chibo/domain';
import type { RequestContext } from '@chibo/service-kit';
import type { AgendaItem, Contribution } from '../domain/agenda';
import type { Meeting } from '../domain/meetings';
import type { QualityScore } from '../domain/quality';
import { pickRuleSet, type MeetingRuleSet } from '../domain/rule-set';
import { MeetingStore, type StoredAttendance } from '../store';

/**
 * Per-request batch loaders: a page of meetings asking for their agendas, attendance or
 * contributions costs one query per kind of record, not one per meeting.
 */
export function meetingLoader(ctx: RequestContext) {
  return ctx.loader<string, Meeting | null>('meeting', (ids) =>
    ctx.uow().run(async (tx) => {
      const store = new MeetingStore(tx);
      const found = await store.findMeetings(ids);
      // A reference from another subgraph is held to the same scope as a direct read.
      const visible = new Map<string, Meeting>();
      for (const m of found) {
        const cell = await store.findCell(m.cellId);
        if (cell && isInScope(ctx.principal, cell.lineage)) visible.set(m.id, m);
      }
      return ids.map((id) => visible.get(id) ?? null);
    }),
  );
}

function grouped<T>(ctx: RequestContext, name: string, load: (store: MeetingStore, ids: readonly string[]) => Promise<Map<string, T[]>>) {
  return ctx.loader<string, T[]>(name, (ids) =>
    ctx.uow().run(async (tx) => {
      const byMeeting = await load(new MeetingStore(tx), ids);
      return ids.map((id) => byMeeting.get(id) ?? []);
    }),
  );
}

export const agendaLoader = (ctx: RequestContext) => grouped<AgendaItem>(ctx, 'agenda', (s, ids) => s.agendaOfMeetings(ids));
export const attendanceLoader = (ctx: RequestContext) => grouped<StoredAttendance>(ctx, 'attendance', (s, ids) => s.attendanceOfMeetings(ids));
export const contributionLoader = (ctx: RequestContext) => grouped<Contribution>(ctx, 'contributions', (s, ids) => s.contributionsOfMeetings(ids));

export const scoreLoader = (ctx: RequestContext) =>
  ctx.loader<string, (QualityScore & { scoredAt: Date }) | null>('score', (ids) =>
    ctx.uow().run(async (tx) => {
      const byMeeting = await new MeetingStore(tx).scoresOfMeetings(ids);
      return ids.map((id) => byMeeting.get(id) ?? null);
    }),
  );

/** The tenant's rule set in force on a date (Vietnam), its versions read once per request. */
export async function ruleSetFor(ctx: RequestContext, date: string): Promise<MeetingRuleSet> {
  const versions = await ctx.loader<'all', MeetingRuleSet[]>('rule-sets', (keys) => ctx.uow().run(async (tx) => {
    const all = await new MeetingStore(tx).ruleSets();
    return keys.map(() => all);
  })).load('all');
  return pickRuleSet(versions, date);
}
