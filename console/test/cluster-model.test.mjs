import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flatResources, nodeCount, cloudPhase, reconcileHistory } from '../src/cluster-model.js';
import { worstState } from '../src/topology.js';

const arn = (machine, name) => `arn:aws:states:us-east-1:123456789012:execution:${machine}:${name}`;

const detail = {
  spec: { masters: { count: 3 }, workers: { aws: { count: 2 }, gcp: { count: 1 } } },
  resources: {
    aws: [
      { name: 'demo-instance-master-0', kind: 'instance', region: 'us-east-1', state: 'READY' },
      { name: 'demo-instance-aws-0', kind: 'instance', region: 'us-east-1', state: 'CREATING' },
      { name: 'demo-network-aws', kind: 'network', region: 'us-east-1', state: 'READY' },
    ],
    gcp: [{ name: 'demo-instance-gcp-0', kind: 'instance', region: 'us-east4', state: 'FAILED' }],
  },
};

test('flatResources_shouldGiveEachResourceItsCloud_andALowerCaseState', () => {
  assert.deepEqual(
    flatResources(detail).map((r) => [r.name, r.cloud, r.state]),
    [
      ['demo-instance-master-0', 'aws', 'ready'],
      ['demo-instance-aws-0', 'aws', 'creating'],
      ['demo-network-aws', 'aws', 'ready'],
      ['demo-instance-gcp-0', 'gcp', 'failed'],
    ],
  );
});

test('nodeCount_shouldCountReadyInstancesAgainstMastersPlusEveryCloudsWorkers', () => {
  assert.deepEqual(nodeCount(detail), { ready: 1, expected: 6 });
});

test('cloudPhase_shouldBeFailed_whenAnyResourceFailed_andCreating_whileAnyIsUnsettled', () => {
  const resources = flatResources(detail);
  const events = [
    { step: 'converge-aws', status: 'create', detail: 'demo-network-aws' },
    { step: 'converge-aws', status: 'create', detail: 'demo-instance-aws-0' },
  ];
  assert.deepEqual(cloudPhase('gcp', resources, events), { ready: 0, busy: 0, failed: 1, state: 'failed', last: undefined });
  const aws = cloudPhase('aws', resources, events);
  assert.equal(aws.state, 'creating');
  assert.equal(aws.busy, 1);
  assert.equal(aws.last.detail, 'demo-instance-aws-0');
  assert.equal(cloudPhase('azure', resources, events).state, 'pending');
});

test('reconcileHistory_shouldGroupReconcileExecutions_newestFirst_withPurposeOutcomeAndRepairsOnly', () => {
  const create = arn('overcast-local-create-cluster', 'c1');
  const hourly = arn('overcast-local-reconcile-cluster', 'r1');
  const scale = arn('overcast-local-reconcile-cluster', 'r2');
  const events = [
    { executionArn: create, at: '2026-01-01T00:00:00Z', step: 'converge-aws', status: 'create', detail: 'demo-network-aws' },
    { executionArn: hourly, at: '2026-01-01T01:00:00Z', step: 'status', status: 'reconciling' },
    { executionArn: hourly, at: '2026-01-01T01:00:01Z', step: 'converge-aws', status: 'deferred', detail: 'demo-instance-aws-0 [waits]' },
    { executionArn: hourly, at: '2026-01-01T01:00:02Z', step: 'converge-aws', status: 'create', detail: 'demo-subnet-aws-a [missing]' },
    { executionArn: hourly, at: '2026-01-01T01:00:03Z', step: 'status', status: 'ready' },
    { executionArn: scale, at: '2026-01-01T02:00:00Z', step: 'status', status: 'scaling' },
  ];
  const history = reconcileHistory(events);
  assert.deepEqual(history.map((r) => [r.executionArn, r.purpose, r.outcome]), [
    [scale, 'scaling', 'running'],
    [hourly, 'reconciling', 'ready'],
  ]);
  assert.deepEqual(history[1].repairs.map((e) => e.detail), ['demo-subnet-aws-a [missing]']);
});

test('worstState_shouldPickTheLeastHealthy_andCallNothingObservedMissing', () => {
  assert.equal(worstState(['ready', 'creating', 'ready']), 'creating');
  assert.equal(worstState(['ready', 'failed', 'deleting']), 'failed');
  assert.equal(worstState(['ready']), 'ready');
  assert.equal(worstState([]), 'missing');
});
