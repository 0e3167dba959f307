/**
 * The web UI's demo flows (`flows/*.flow-meta.xml` here): "Change Address", which links its
 * interview to the Contact it runs on and updates the Contact's mailing address, and "Customer
 * Onboarding", a four-stage screen flow run on an Account; and two unchanged real flows from
 * public repositories (`real-flows/*.flow-meta.xml`, origins in `real-flows/README.md`). The demo
 * org deploys and activates them; this module only says where they are (the runtime reads no files).
 */
import { fileURLToPath } from 'node:url';

/** The folder of the UI demo's flow files. */
export const UI_DEMO_FLOWS_FOLDER = fileURLToPath(new URL('./flows/', import.meta.url));

/** The folder of the unchanged real flows the demo runs. */
export const REAL_DEMO_FLOWS_FOLDER = fileURLToPath(new URL('./real-flows/', import.meta.url));

/** The API names of the UI demo's flows. */
export const UI_DEMO_FLOWS = { changeAddress: 'Change_Address', onboarding: 'Customer_Onboarding' } as const;
