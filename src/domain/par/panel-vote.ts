import type { MemberVote, VoteTally } from './par-case';

export type CountedVote = { readonly ok: true; readonly tally: VoteTally; readonly carried: boolean } | { readonly ok: false; readonly message: string };

/**
 * PAR-VOL-ELIG "by a majority vote": counts a panel vote. [design] A motion carries when more members vote yes than
 * no (a majority of the votes cast; abstentions are recorded but not cast, and a tie fails). The vote stands only
 * when at least `quorum` members took part, abstentions included, and each member votes once.
 */
export function countVotes(votes: readonly MemberVote[], quorum: number): CountedVote {
  const members = new Set<string>();
  for (const { member } of votes) {
    if (!member.trim()) return { ok: false, message: 'every vote names the panel member who cast it' };
    if (members.has(member)) return { ok: false, message: `${member} voted twice` };
    members.add(member);
  }
  if (votes.length < quorum) return { ok: false, message: `${votes.length} member(s) voted; the panel decides with at least ${quorum}` };
  const tally: VoteTally = {
    yes: votes.filter((v) => v.vote === 'yes').length,
    no: votes.filter((v) => v.vote === 'no').length,
    abstain: votes.filter((v) => v.vote === 'abstain').length,
  };
  return { ok: true, tally, carried: tally.yes > tally.no };
}
