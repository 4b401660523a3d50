import { describe, expect, it } from 'vitest';
import type { MemberVote } from '../../../src/domain/par/par-case';
import { countVotes } from '../../../src/domain/par/panel-vote';

const cast = (...votes: [string, MemberVote['vote']][]): MemberVote[] => votes.map(([member, vote]) => ({ member, vote }));

describe('PAR-VOL-ELIG / PAR-OUTCOME: a panel vote, counted member by member', () => {
  it.each([
    ['more yes than no', cast(['a', 'yes'], ['b', 'yes'], ['c', 'no']), { yes: 2, no: 1, abstain: 0 }, true],
    ['a tie', cast(['a', 'yes'], ['b', 'no'], ['c', 'abstain'], ['d', 'abstain']), { yes: 1, no: 1, abstain: 2 }, false],
    ['one yes, the rest abstaining: abstentions are not cast', cast(['a', 'yes'], ['b', 'abstain'], ['c', 'abstain']), { yes: 1, no: 0, abstain: 2 }, true],
    ['more no than yes', cast(['a', 'no'], ['b', 'no'], ['c', 'yes']), { yes: 1, no: 2, abstain: 0 }, false],
    ['everyone abstaining', cast(['a', 'abstain'], ['b', 'abstain'], ['c', 'abstain']), { yes: 0, no: 0, abstain: 3 }, false],
  ] as const)('PAR-VOL-ELIG: %s', (_name, votes, tally, carried) => {
    expect(countVotes(votes, 3)).toEqual({ ok: true, tally, carried });
  });

  it('PAR-VOL-ELIG: the vote stands with exactly the quorum, abstentions included; one fewer does not', () => {
    expect(countVotes(cast(['a', 'yes'], ['b', 'abstain'], ['c', 'abstain']), 3)).toMatchObject({ ok: true });
    expect(countVotes(cast(['a', 'yes'], ['b', 'abstain']), 3)).toEqual({ ok: false, message: '2 member(s) voted; the panel decides with at least 3' });
  });

  it.each([
    ['a vote naming nobody', cast(['a', 'yes'], ['  ', 'yes'], ['c', 'no']), 'every vote names the panel member who cast it'],
    ['an empty member name', cast(['', 'yes'], ['b', 'yes'], ['c', 'no']), 'every vote names the panel member who cast it'],
    ['a member voting twice, even the same way', cast(['a', 'yes'], ['b', 'no'], ['a', 'yes']), 'a voted twice'],
  ] as const)('PAR-VOL-ELIG: %s does not stand', (_name, votes, message) => {
    expect(countVotes(votes, 1)).toEqual({ ok: false, message });
  });
});
