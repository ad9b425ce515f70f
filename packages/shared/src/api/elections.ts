/**
 * The elections module's contract (apps/server/src/modules/elections/elections.routes.ts). Ballots, dealings
 * and decryption shares are the crypto types of `../elections/*`, checked here for shape only; their proofs
 * are checked by the server with the same code the verifier runs.
 */
import { z } from 'zod';
import { PageQuerySchema, pageOf } from './auth.js';
import { idParam, idRef, isoDateOf } from './fields.js';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, '格式不正确');
const ProofSchema = z.strictObject({ c: hex64, z: hex64 });
const RangeProofSchema = z.array(ProofSchema).min(2).max(40);

export const ElectionParams = z.strictObject({ id: idParam() });
export const VoterParams = z.strictObject({ id: idParam(), voterId: idParam() });

export const ELECTION_STATUSES = {
  draft: '筹备',
  approved: '已批复',
  frozen: '名册已冻结',
  ready: '密钥已生成',
  open: '投票中',
  closed: '投票结束',
  released: '结果已公布',
} as const;
export type ElectionStatus = keyof typeof ELECTION_STATUSES;

export const ElectionCreateSchema = z.strictObject({
  orgId: idRef('组织'),
  title: z.string({ message: '请填写选举名称' }).trim().min(1, '请填写选举名称').max(100, '选举名称不超过 100 个字'),
  seats: z.number({ message: '请填写应选名额' }).int('应选名额应为整数').min(1, '应选名额至少 1 名').max(15, '应选名额不超过 15 名'),
  rollOn: isoDateOf('名册日期'),
  tellerMemberIds: z.array(idRef('监票人')).min(3, '监票人至少 3 名').max(7, '监票人不超过 7 名'),
});
export type ElectionCreateInput = z.infer<typeof ElectionCreateSchema>;

export const CandidatesSchema = z.strictObject({
  memberIds: z.array(idRef('候选人')).min(1, '请选择候选人').max(40, '候选人不超过 40 名'),
});
export const ExcludeSchema = z.strictObject({
  reason: z.enum(['incapacity', 'abroad', 'sentence', 'bedridden', 'moved'], { message: '请选择不计入应到会人数的原因' }).nullable(),
});
export const EXCLUSION_REASONS = {
  incapacity: '丧失行为能力',
  abroad: '自费出国（境）半年以上',
  sentence: '正在服刑',
  bedridden: '卧床不起',
  moved: '外出半年以上未转组织关系',
} as const;
export const ShortfallSchema = z.strictObject({
  decision: z.enum(['another-round', 'fewer-seats'], { message: '请选择另行选举或减少名额' }),
});

export const ElectionRowSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  seats: z.number(),
  status: z.enum(Object.keys(ELECTION_STATUSES) as [ElectionStatus, ...ElectionStatus[]]),
  rollOn: z.string(),
});
export const ElectionPageSchema = pageOf(ElectionRowSchema);
export const ElectionListQuerySchema = PageQuerySchema.extend({ orgId: idRef('组织').optional() });

export const CandidateSchema = z.object({ memberId: z.number(), name: z.string(), position: z.number() });
export const TellerStateSchema = z.object({
  index: z.number(),
  memberId: z.number(),
  name: z.string(),
  hasKey: z.boolean(),
  hasDealt: z.boolean(),
  hasShare: z.boolean(),
  hasPaperCount: z.boolean(),
});
export const CountsSchema = z.object({
  roll: z.number(),
  excluded: z.number(),
  entitled: z.number(),
  present: z.number(),
  votedOnline: z.number(),
  votedPaper: z.number(),
  quorumMet: z.boolean(),
  minCandidates: z.number(),
});
export const ElectionDetailSchema = ElectionRowSchema.extend({
  rulesetVersion: z.string(),
  threshold: z.number(),
  cryptoId: z.string(),
  publicKey: z.string().nullable(),
  approvedOn: z.string().nullable(),
  candidates: z.array(CandidateSchema),
  tellers: z.array(TellerStateSchema),
  counts: CountsSchema,
  shortfallDecision: z.string().nullable(),
});
export type ElectionDetailDto = z.infer<typeof ElectionDetailSchema>;

export const VoterRowSchema = z.object({
  id: z.number(),
  memberId: z.number(),
  name: z.string(),
  excludedReason: z.string().nullable(),
  checkedIn: z.boolean(),
  voted: z.boolean(),
  channel: z.string().nullable(),
});
export const VoterPageSchema = pageOf(VoterRowSchema);
export const VoterQuerySchema = PageQuerySchema;

/** What a voter or teller sees of an election on the phone: no one's choices, only counts and one's own state. */
export const MyElectionSchema = z.object({
  id: z.number(),
  title: z.string(),
  orgName: z.string(),
  status: ElectionRowSchema.shape.status,
  seats: z.number(),
  candidates: z.array(CandidateSchema),
  /** The id every proof binds to (the board's setup event carries it too). */
  cryptoId: z.string(),
  publicKey: z.string().nullable(),
  entitled: z.number(),
  eligible: z.boolean(),
  voted: z.boolean(),
  tellerIndex: z.number().nullable(),
  threshold: z.number(),
  tellerCount: z.number(),
});
export const MyElectionListSchema = z.object({ items: z.array(MyElectionSchema) });

export const TellerKeySchema = z.strictObject({ index: z.number().int().min(1).max(7), transportKey: hex64, proof: ProofSchema });
export const DealingSchema = z.strictObject({
  index: z.number().int().min(1).max(7),
  commitments: z.array(hex64).min(1).max(7),
  proof: ProofSchema,
  shares: z
    .array(z.strictObject({ to: z.number().int().min(1).max(7), e: hex64, s: hex64 }))
    .min(1)
    .max(7),
});
export const DecryptionShareSchema = z.strictObject({
  index: z.number().int().min(1).max(7),
  d: z.array(hex64).min(1).max(40),
  proofs: z.array(ProofSchema).min(1).max(40),
});
export const BallotSchema = z.strictObject({
  electionId: z.string().max(40),
  choices: z
    .array(z.strictObject({ a: hex64, b: hex64, proof: RangeProofSchema }))
    .min(1)
    .max(40),
  overall: RangeProofSchema,
});
export const CastSchema = z.strictObject({ ballot: BallotSchema });
export const TrackerSchema = z.object({ tracker: z.string(), boardHead: z.string() });
export const PaperCountSchema = z.strictObject({
  valid: z.number().int('有效票应为整数').min(0, '有效票不能为负'),
  invalid: z.number().int('无效票应为整数').min(0, '无效票不能为负'),
  votes: z.array(z.number().int().min(0, '得票不能为负')).min(1).max(40),
});
export const MemberRefSchema = z.strictObject({ memberId: idRef('党员') });

export const BoardEventSchema = z.object({
  seq: z.number(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
});
export const BoardSchema = z.object({ format: z.literal('vanguard-election/1'), board: z.array(BoardEventSchema) });
export const BoardQuerySchema = z.strictObject({ after: z.coerce.number().int().min(0).max(2_000_000).optional() });

export const ResultsSchema = z.object({
  electionId: z.number(),
  entitled: z.number(),
  present: z.number(),
  ballotsIssued: z.number(),
  ballotsReturned: z.number(),
  invalid: z.number(),
  basis: z.number(),
  rows: z.array(z.object({ memberId: z.number(), name: z.string(), votes: z.number(), elected: z.boolean(), tied: z.boolean() })),
  runoffSeats: z.number(),
  shortfall: z.number(),
  shortfallDecision: z.string().nullable(),
});
export type ResultsDto = z.infer<typeof ResultsSchema>;
