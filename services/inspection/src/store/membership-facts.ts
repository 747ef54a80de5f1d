import type { MemberFacts, SubjectFactsAnswer, UnitFacts } from '@chibo/domain';
import type { Peers } from '@chibo/service-kit';

/** Facts of members and units as membership holds them, by its signed internal call (never typed in). */
export interface SubjectFactsSource {
  member(id: string, on: string): Promise<MemberFacts | null>;
  unit(id: string, on: string): Promise<UnitFacts | null>;
}

export class MembershipFacts implements SubjectFactsSource {
  constructor(
    private readonly peers: Peers,
    private readonly tenantId: string,
  ) {}

  async member(id: string, on: string): Promise<MemberFacts | null> {
    const a = await this.peers.call<SubjectFactsAnswer>('membership', 'subject-facts', { tenantId: this.tenantId, memberIds: [id], on });
    return a.members.find((m) => m.id === id) ?? null;
  }

  async unit(id: string, on: string): Promise<UnitFacts | null> {
    const a = await this.peers.call<SubjectFactsAnswer>('membership', 'subject-facts', { tenantId: this.tenantId, orgUnitIds: [id], on });
    return a.units.find((u) => u.id === id) ?? null;
  }
}
