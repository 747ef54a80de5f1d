import type { AttendanceStatus } from '@chibo/domain';
import type { AgendaItem, AgendaPorts, Contribution } from './agenda';
import type { AttendanceEntry, AttendancePorts } from './attendance';
import type { CellFacts, Meeting, MeetingEvent } from './meetings';
import type { RollMember } from './roll';

/**
 * The meetings ports in memory, for unit tests of the rules (and benchmarks of them): what a
 * command wrote is in plain arrays to assert on.
 */
export class MemoryPorts implements AgendaPorts, AttendancePorts {
  meetings: Meeting[] = [];
  agenda: AgendaItem[] = [];
  attendance: (AttendanceEntry & { meetingId: string })[] = [];
  contributions: Contribution[] = [];
  events: MeetingEvent[] = [];
  rolls = new Map<string, RollMember[]>();

  constructor(readonly cells: CellFacts[]) {}

  findCell = async (id: string) => this.cells.find((c) => c.id === id) ?? null;
  insertMeeting = async (m: Meeting) => void this.meetings.push(m);
  publish = (e: MeetingEvent) => void this.events.push(e);
  findMeeting = async (id: string) => this.meetings.find((m) => m.id === id) ?? null;
  updateMeeting = async (m: Meeting) => {
    this.meetings = this.meetings.map((x) => (x.id === m.id ? m : x));
  };
  agendaOf = async (meetingId: string) => this.agenda.filter((a) => a.meetingId === meetingId);
  agendaItems = this.agendaOf;
  insertAgendaItem = async (_t: string, item: AgendaItem) => void this.agenda.push(item);
  setActualMinutes = async (_m: string, minutes: { agendaItemId: string; actualMinutes: number }[]) => {
    for (const m of minutes) this.agenda = this.agenda.map((a) => (a.id === m.agendaItemId ? { ...a, actualMinutes: m.actualMinutes } : a));
  };
  attendanceCount = async (meetingId: string) => this.attendance.filter((a) => a.meetingId === meetingId).length;
  attendanceOf = async (meetingId: string): Promise<{ memberId: string; status: AttendanceStatus }[]> => this.attendance.filter((a) => a.meetingId === meetingId);
  rollOn = async (cellId: string, date: string) => this.rolls.get(`${cellId}@${date}`) ?? [];
  saveAttendance = async (meeting: Meeting, entries: AttendanceEntry[]) => {
    this.attendance = [...this.attendance.filter((a) => a.meetingId !== meeting.id), ...entries.map((e) => ({ ...e, meetingId: meeting.id }))];
    await this.updateMeeting(meeting);
  };
  insertContributions = async (_t: string, rows: Contribution[]) => void this.contributions.push(...rows);
}
