/**
 * `npm run election:verify -- <exported election file>`: re-checks an election from its exported bulletin board
 * alone — the hash chain, every teller key and dealing proof, every ballot's proofs, the count of ballots against
 * the voters marked as having voted online, the homomorphic tally, the decryption shares' proofs and the
 * published result. Exit code 0 when everything holds, 1 otherwise (each problem printed).
 */
import { readFileSync } from 'node:fs';
import { verifyExport } from '../packages/shared/src/elections/board.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run election:verify -- <exported election file>');
  process.exit(2);
}
const report = verifyExport(JSON.parse(readFileSync(file, 'utf8')));
console.log(`ballots: ${report.ballots}`);
if (report.votes) console.log(`votes:   ${report.votes.join(', ')}`);
if (report.head) console.log(`head:    ${report.head}`);
for (const e of report.errors) console.log(`FAIL ${e}`);
console.log(report.ok ? 'OK: the election verifies' : `NOT VERIFIED: ${report.errors.length} problem(s)`);
process.exit(report.ok ? 0 : 1);
