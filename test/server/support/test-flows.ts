/**
 * Flows the server tests run: the demo's screen flow (`Demo_Support_Request`) and autolaunched
 * flow (`Demo_Discount_Calculator`), the same autolaunched flow restricted to enabled permission
 * sets (`Restricted_Discount`), and a flow waiting for the platform event `Order_Shipped__e`
 * (`Wait_For_Shipment`, a runtime test fixture). Deployed straight through the flow store.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFlowXml } from '../../../src/flow-model/parse-flow-xml.js';
import type { FlowDefinitionRecord, StorageSession } from '../../../src/runtime/ports/index.js';
import { demoFlowFiles } from '../../../src/server/demo/demo-org.js';

const WAIT_FLOW = fileURLToPath(new URL('../../fixtures/runtime/Wait_For_Shipment.flow-meta.xml', import.meta.url));

/** The deployed test flows by API name. */
export interface TestFlows {
  readonly screen: FlowDefinitionRecord;
  readonly autolaunched: FlowDefinitionRecord;
  readonly restricted: FlowDefinitionRecord;
  readonly waiting: FlowDefinitionRecord;
}

async function deploy(db: StorageSession, apiName: string, xml: string, actorId: string, restricted = false): Promise<FlowDefinitionRecord> {
  const { definition } = parseFlowXml(xml, { fileName: `${apiName}.flow-meta.xml` });
  if (!definition) throw new Error(`${apiName} does not parse`);
  const stored = await db.flows.deployVersion(
    { DeveloperName: apiName, MasterLabel: definition.label, ProcessType: definition.processType, Status: 'Active', Description: definition.description ?? null, IsAdditionalPermissionRequiredToRun: restricted, source: xml },
    actorId,
  );
  return stored.definition;
}

/** Deploys the test flows as active versions. */
export async function deployTestFlows(db: StorageSession, actorId: string): Promise<TestFlows> {
  const files = await demoFlowFiles();
  const xmlOf = (name: string): string => {
    const file = files.find((f) => f.path.endsWith(`/${name}.flow-meta.xml`));
    if (!file) throw new Error(`No demo flow ${name}`);
    return file.content;
  };
  return {
    screen: await deploy(db, 'Demo_Support_Request', xmlOf('Demo_Support_Request'), actorId),
    autolaunched: await deploy(db, 'Demo_Discount_Calculator', xmlOf('Demo_Discount_Calculator'), actorId),
    restricted: await deploy(db, 'Restricted_Discount', xmlOf('Demo_Discount_Calculator'), actorId, true),
    waiting: await deploy(db, 'Wait_For_Shipment', readFileSync(WAIT_FLOW, 'utf8'), actorId),
  };
}
