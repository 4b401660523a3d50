import type { CalendarDate } from '../calendar';
import type { CycleReport, ObservationCycle, RuleOutcome } from './observation-cycle';

/**
 * What a cycle met (RULES.md OBS-*), counted from what was recorded: the year-end report, and the status a cycle
 * shows while it runs. Only the track's minimum of formal observations is scored (OBS-TRACK): the first ones held.
 */
export function minimumMet(cycle: ObservationCycle): boolean {
  const held = cycle.observations.filter((o) => o.observed);
  return held.filter((o) => o.kind === 'formal').length >= cycle.track.observations && held.filter((o) => o.kind === 'walkthrough').length >= cycle.track.walkthroughs;
}

export function yearEndReport(cycle: ObservationCycle, on: CalendarDate): CycleReport {
  const held = cycle.observations.filter((o) => o.observed).sort((a, b) => a.observed!.on.localeCompare(b.observed!.on) || a.number - b.number);
  const formal = held.filter((o) => o.kind === 'formal');
  const walkthroughs = held.filter((o) => o.kind === 'walkthrough');
  const unannounced = held.filter((o) => !o.announced).length;
  const minutes = held.reduce((sum, o) => sum + (o.observed!.minutes ?? 0), 0);
  const { track } = cycle;
  const rules: RuleOutcome[] = [];

  const shortBy = [
    formal.length < track.observations ? `${formal.length} of ${track.observations} formal observations held` : undefined,
    walkthroughs.length < track.walkthroughs ? `${walkthroughs.length} of ${track.walkthroughs} walkthroughs held` : undefined,
    track.contactMinutes !== undefined && minutes < track.contactMinutes ? `${minutes} of ${track.contactMinutes} minutes of contact` : undefined,
  ].filter((x): x is string => x !== undefined);
  rules.push({
    rule: 'OBS-TRACK',
    met: shortBy.length === 0,
    detail: shortBy.length === 0 ? `${formal.length} formal observation(s) and ${walkthroughs.length} walkthrough(s) held; track ${track.id} requires ${track.observations} and ${track.walkthroughs}` : shortBy.join('; '),
  });

  const announcementMet = track.announcement === 'all-announced' ? unannounced === 0 : unannounced * 2 >= held.length;
  rules.push({
    rule: 'OBS-UNANNOUNCED',
    met: announcementMet,
    detail:
      track.announcement === 'all-announced'
        ? `${unannounced} of ${held.length} observation(s) unannounced; every observation is announced on this track`
        : `${unannounced} of ${held.length} observation(s) unannounced; at least half are`,
  });

  const announcedHeld = held.filter((o) => o.announced);
  const withPreConference = announcedHeld.filter((o) => o.preConference && o.preConference.by === o.observed!.by).length;
  rules.push({ rule: 'OBS-PRECONF', met: withPreConference === announcedHeld.length, detail: `${withPreConference} of ${announcedHeld.length} announced observation(s) preceded by the observer's pre-conference` });

  if (cycle.coachingRequired) {
    const first = held[0]?.observed?.on;
    const met = cycle.coaching !== undefined && (first === undefined || cycle.coaching.on <= first);
    rules.push({ rule: 'OBS-COACHING', met, detail: cycle.coaching ? `coaching conversation on ${cycle.coaching.on}${first ? `, first observation on ${first}` : ''}` : 'no coaching conversation was held' });
  }

  const selfScored = held.filter((o) => o.selfScore).length;
  rules.push({ rule: 'OBS-SELF-SCORE', met: selfScored === held.length, detail: `${selfScored} of ${held.length} self-score form(s) submitted` });

  const postConferred = held.filter((o) => o.postConference && o.postConference.by === o.observed!.by).length;
  rules.push({ rule: 'OBS-POSTCONF', met: postConferred === held.length, detail: `${postConferred} of ${held.length} observation(s) followed by a post-conference with the observer` });

  const inTime = held.filter((o) => o.feedback && !o.feedback.late).length;
  rules.push({ rule: 'OBS-FEEDBACK-7', met: inTime === held.length, detail: `${inTime} of ${held.length} written feedback(s) within the week` });

  const certified = held.every((o) => o.observed!.certification?.certified);
  rules.push({ rule: 'OBS-CERTIFIED', met: certified, detail: `${held.length} observation(s), each by an evaluator certified for ${cycle.schoolYear}` });

  return {
    on,
    formal: { required: track.observations, held: formal.length, scored: formal.slice(0, track.observations).map((o) => o.number) },
    walkthroughs: { required: track.walkthroughs, held: walkthroughs.length },
    unannounced: { held: unannounced, of: held.length },
    ...(track.contactMinutes !== undefined ? { contactMinutes: { required: track.contactMinutes, held: minutes } } : {}),
    selfScores: { submitted: selfScored, of: held.length },
    rules,
    violations: cycle.violations.length,
  };
}
