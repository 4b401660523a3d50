import { describe, expect, it } from 'vitest';
import {
  assignSeat,
  availableConsultingTeachers,
  capacity,
  refillPlaces,
  releasePlace,
  requestPlace,
  waitingList,
  waitingPosition,
  type PlaceRequest,
  type ProgramRoster,
  type RosterChange,
} from '../../../src/domain/par/program-roster';

/** Two consulting teachers with two places each; the panel serves at most 2 Volunteers this year. */
const empty: ProgramRoster = {
  schoolYear: '2027-2028',
  consultingTeachers: [
    { id: 'ct-kim', caseload: 2 },
    { id: 'ct-ortiz', caseload: 2 },
  ],
  volunteerMaximum: 2,
  groupSettingSize: 3,
  placements: [],
  waiting: [],
};

const ask = (caseId: string, group: 1 | 2 | 3, since: string, groupSetting?: boolean): PlaceRequest => ({ caseId, group, since, groupSetting });

function ok(change: RosterChange): Extract<RosterChange, { ok: true }> {
  if (!change.ok) throw new Error(`${change.rule}: ${change.message}`);
  return change;
}

/** Requests in order, all on one day; returns the roster. */
function roster(...requests: PlaceRequest[]): ProgramRoster {
  return requests.reduce((r, request) => ok(requestPlace(r, request, '2027-08-20')).roster, empty);
}

const placed = (r: ProgramRoster) => r.placements.filter((p) => !p.endedOn).map((p) => p.caseId);

describe('PAR-PRIORITY: consulting-teacher capacity, priority groups and the waiting list', () => {
  it('PAR-PRIORITY: places fill up to capacity; later Volunteers and new teachers wait', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('V1', 2, '2027-05-04'), ask('N1', 3, '2027-08-01'), ask('N2', 3, '2027-08-02'), ask('V2', 2, '2027-05-05'));
    expect(placed(full)).toEqual(['R1', 'V1', 'N1', 'N2']);
    expect(capacity(full)).toEqual({ places: 4, used: 4, free: 0, overBy: 0 });
    expect(waitingPosition(full, 'V2')).toEqual({ position: 1, reason: 'no consulting-teacher place is free (4 places in use)' });
  });

  it('PAR-PRIORITY: a Referred participant (Group I) is placed even when capacity is full, and the panel is told to add capacity', () => {
    const full = roster(ask('V1', 2, '2027-05-04'), ask('V2', 2, '2027-05-05'), ask('N1', 3, '2027-08-01'), ask('N2', 3, '2027-08-02'));
    const change = ok(requestPlace(full, ask('R1', 1, '2027-05-10'), '2027-08-20'));
    expect(change.placed.map((p) => p.caseId)).toEqual(['R1']);
    expect(capacity(change.roster)).toMatchObject({ used: 5, free: 0, overBy: 1 });
    expect(change.notes).toContain('PAR-PRIORITY: 1 place(s) over capacity for Referred participants: the panel must add consulting-teacher capacity');
  });

  it('PAR-PRIORITY: the waiting list is in priority order: group, then who asked first', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'));
    const waiting = [ask('N1', 3, '2027-01-02'), ask('V9', 2, '2027-05-14'), ask('V3', 2, '2027-01-08'), ask('N0', 3, '2027-01-01')].reduce(
      (r, request) => ok(requestPlace(r, request, '2027-08-20')).roster,
      full,
    );
    expect(waitingList(waiting).map((w) => w.caseId)).toEqual(['V3', 'V9', 'N0', 'N1']);
  });

  it('PAR-PRIORITY: a freed place goes to the next one in priority order, not to who waited longest', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'), ask('N1', 3, '2027-01-02'), ask('V1', 2, '2027-05-14'));
    const change = ok(releasePlace(full, 'R2', '2027-10-01'));
    expect(change.placed).toEqual([{ caseId: 'V1', group: 2, since: '2027-05-14', groupSetting: undefined, placedOn: '2027-10-01' }]);
    expect(change.notes).toEqual(['PAR-PRIORITY: case R2 freed its place on 2027-10-01', 'PAR-PRIORITY: Group II (Volunteers) case V1 placed on 2027-10-01']);
    expect(change.roster.placements.find((p) => p.caseId === 'R2')?.endedOn).toBe('2027-10-01');
    expect(waitingList(change.roster).map((w) => w.caseId)).toEqual(['N1']);
  });

  it('PAR-PRIORITY: once the yearly maximum of Volunteers is served, a freed place passes over waiting Volunteers to Group III', () => {
    const served = roster(ask('V1', 2, '2027-05-03'), ask('V2', 2, '2027-05-04'), ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('V3', 2, '2027-05-05'), ask('N1', 3, '2027-08-01'));
    // V1 ends: it still counts toward the yearly maximum of 2, so V3 cannot take its place.
    const change = ok(releasePlace(served, 'V1', '2027-11-01'));
    expect(change.placed.map((p) => p.caseId)).toEqual(['N1']);
    expect(waitingPosition(change.roster, 'V3')).toEqual({ position: 1, reason: 'the panel\'s maximum of 2 Volunteers for 2027-2028 is reached' });
  });

  it('PAR-PRIORITY: Group III participants in a group setting share a place (three to a place here)', () => {
    const grouped = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('N1', 3, '2027-08-01', true), ask('N2', 3, '2027-08-02', true), ask('N3', 3, '2027-08-03', true), ask('N4', 3, '2027-08-04', true));
    expect(placed(grouped)).toEqual(['R1', 'R2', 'R3', 'N1', 'N2', 'N3']);
    expect(capacity(grouped)).toMatchObject({ used: 4, free: 0 });
    expect(waitingList(grouped).map((w) => w.caseId)).toEqual(['N4']);
    expect(requestPlace(empty, ask('V1', 2, '2027-05-04', true), '2027-08-20')).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-PRIORITY' });
  });

  it('PAR-PRIORITY: a case holds or waits for one place only; leaving the waiting list frees nothing', () => {
    const one = roster(ask('V1', 2, '2027-05-04'));
    expect(requestPlace(one, ask('V1', 2, '2027-05-04'), '2027-08-21')).toMatchObject({ ok: false, kind: 'conflict' });
    expect(releasePlace(one, 'nobody', '2027-08-21')).toMatchObject({ ok: false, kind: 'conflict' });
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'), ask('V1', 2, '2027-05-04'));
    const left = ok(releasePlace(full, 'V1', '2027-08-21'));
    expect(left.roster.waiting).toEqual([]);
    expect(left.placed).toEqual([]);
  });

  it('PAR-ACCEPT-NOTICE / PAR-PRIORITY: the list of available consulting teachers leaves out those at their caseload', () => {
    const r = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('V1', 2, '2027-05-04'));
    const kimFull = ok(assignSeat(ok(assignSeat(r, 'R1', 'ct-kim')).roster, 'R2', 'ct-kim')).roster;
    expect(availableConsultingTeachers(kimFull).map((ct) => ct.id)).toEqual(['ct-ortiz']);
    // A Volunteer is refused a full consulting teacher; a Referred participant is served anyway, with a note.
    expect(assignSeat(kimFull, 'V1', 'ct-kim')).toMatchObject({ ok: false, kind: 'rule', rule: 'PAR-PRIORITY' });
    const r3 = ok(requestPlace(kimFull, ask('R3', 1, '2027-05-12'), '2027-08-22')).roster;
    expect(ok(assignSeat(r3, 'R3', 'ct-kim')).notes).toEqual(['PAR-PRIORITY: ct-kim serves this Referred participant beyond a caseload of 2']);
    expect(assignSeat(r3, 'R3', 'ct-nobody')).toMatchObject({ ok: false, rule: 'PAR-CT-SELECT-10' });
  });

  it('PAR-PRIORITY: a case asks once: asking again while placed or waiting is a conflict; a participant who left may ask again', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'), ask('V1', 2, '2027-05-04'));
    expect(requestPlace(full, ask('V1', 2, '2027-05-04'), '2027-08-21')).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-PRIORITY', message: 'case V1 already holds or waits for a place' });
    expect(requestPlace(full, ask('R1', 1, '2027-05-10'), '2027-08-21')).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-PRIORITY', message: 'case R1 already holds or waits for a place' });
    const left = ok(releasePlace(full, 'R1', '2027-09-01')).roster;
    expect(ok(requestPlace(left, ask('R1', 1, '2027-09-02'), '2027-09-02')).placed.map((p) => p.caseId)).toEqual(['R1']);
  });

  it('PAR-PRIORITY: only Group III is served in a group setting; the refusal says so', () => {
    expect(requestPlace(empty, ask('R1', 1, '2027-05-10', true), '2027-08-20')).toEqual({ ok: false, kind: 'rule', rule: 'PAR-PRIORITY', message: 'only Group III participants are served in a group setting' });
  });

  it('PAR-PRIORITY: leaving the waiting list takes that case off it alone, and says so', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'), ask('V1', 2, '2027-05-04'), ask('N1', 3, '2027-08-01'));
    const change = ok(releasePlace(full, 'V1', '2027-08-21'));
    expect(change).toEqual({ ok: true, roster: { ...full, waiting: [ask('N1', 3, '2027-08-01')] }, placed: [], notes: ['PAR-PRIORITY: case V1 left the waiting list'] });
    expect(releasePlace(full, 'nobody', '2027-08-21')).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-PRIORITY', message: 'case nobody holds no place' });
  });

  it('PAR-PRIORITY: capacity added (a caseload raised) gives the free places down the waiting list', () => {
    const full = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('R3', 1, '2027-05-12'), ask('R4', 1, '2027-05-13'), ask('N1', 3, '2027-08-01'), ask('V1', 2, '2027-05-04'));
    const raised: ProgramRoster = { ...full, consultingTeachers: [{ id: 'ct-kim', caseload: 3 }, { id: 'ct-ortiz', caseload: 2 }] };
    // Before the refill the Volunteer waits with a free place: others come first only until the places are given.
    expect(waitingPosition(raised, 'V1')).toEqual({ position: 1, reason: 'others come first' });
    const change = ok(refillPlaces(raised, '2027-09-01'));
    expect(change.placed).toEqual([{ caseId: 'V1', group: 2, since: '2027-05-04', groupSetting: undefined, placedOn: '2027-09-01' }]);
    expect(change.notes).toEqual(['PAR-PRIORITY: Group II (Volunteers) case V1 placed on 2027-09-01']);
    expect(waitingPosition(change.roster, 'N1')).toEqual({ position: 1, reason: 'no consulting-teacher place is free (5 places in use)' });
    // A placed case does not wait.
    expect(waitingPosition(change.roster, 'V1')).toBeUndefined();
  });

  it('PAR-CT-SELECT-10: a seat goes to the placed case alone; a consulting teacher with room takes a Volunteer without a note', () => {
    const r = roster(ask('R1', 1, '2027-05-10'), ask('V1', 2, '2027-05-04'));
    const change = ok(assignSeat(r, 'V1', 'ct-kim'));
    expect(change).toEqual({ ok: true, roster: { ...r, placements: [r.placements[0], { ...r.placements[1], consultingTeacher: 'ct-kim' }] }, placed: [], notes: [] });
    expect(ok(assignSeat(r, 'R1', 'ct-kim')).notes).toEqual([]);
  });

  it('PAR-REASSIGN: a participant assigned again to their own consulting teacher at a full caseload keeps the seat', () => {
    const r = roster(ask('V1', 2, '2027-05-04'), ask('V2', 2, '2027-05-05'));
    const kimFull = ok(assignSeat(ok(assignSeat(r, 'V1', 'ct-kim')).roster, 'V2', 'ct-kim')).roster;
    expect(ok(assignSeat(kimFull, 'V2', 'ct-kim')).notes).toEqual([]);
  });

  it('PAR-CT-SELECT-10 / PAR-PRIORITY: the refusals of a seat name the case, the consulting teacher and the caseload', () => {
    const r = roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11'), ask('V1', 2, '2027-05-04'));
    const kimFull = ok(assignSeat(ok(assignSeat(r, 'R1', 'ct-kim')).roster, 'R2', 'ct-kim')).roster;
    expect(assignSeat(kimFull, 'V1', 'ct-kim')).toEqual({ ok: false, kind: 'rule', rule: 'PAR-PRIORITY', message: 'ct-kim already serves a full caseload of 2' });
    expect(assignSeat(kimFull, 'V1', 'ct-nobody')).toEqual({ ok: false, kind: 'rule', rule: 'PAR-CT-SELECT-10', message: 'ct-nobody is not a consulting teacher of the 2027-2028 program' });
    expect(assignSeat(kimFull, 'N9', 'ct-ortiz')).toEqual({ ok: false, kind: 'conflict', rule: 'PAR-CT-SELECT-10', message: 'case N9 holds no place' });
  });

  it('PAR-REASSIGN: moving a participant to another consulting teacher frees the first one\'s place', () => {
    const r = ok(assignSeat(roster(ask('R1', 1, '2027-05-10'), ask('R2', 1, '2027-05-11')), 'R1', 'ct-kim')).roster;
    const both = ok(assignSeat(r, 'R2', 'ct-kim')).roster;
    expect(availableConsultingTeachers(both).map((ct) => ct.id)).toEqual(['ct-ortiz']);
    const moved = ok(assignSeat(both, 'R2', 'ct-ortiz')).roster;
    expect(availableConsultingTeachers(moved).map((ct) => ct.id)).toEqual(['ct-kim', 'ct-ortiz']);
  });
});
