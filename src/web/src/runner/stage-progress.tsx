/** The stage progress indicator of flows that use stages (`$Flow.CurrentStage`, `$Flow.ActiveStages`). */
import type { ScreenModel } from '../../../engine/index.js';
import { Icon } from '../components/icon.js';
import { stageSteps } from './screen-values.js';

/** A path of the flow's stages with the current one marked; nothing for flows without stages. */
export function StageProgress({ screen }: { readonly screen: ScreenModel }) {
  const steps = stageSteps(screen);
  if (steps.length === 0) return null;
  const current = steps.find((step) => step.state === 'current');
  return (
    <nav className="slds-path slds-m-bottom_medium eddy-stages" aria-label="Flow stages">
      <div className="slds-grid slds-path__track">
        <div className="slds-grid slds-path__scroller-container">
          <div className="slds-path__scroller">
            <div className="slds-path__scroller_inner">
              <ol className="slds-path__nav">
                {steps.map((step) => (
                  <li
                    key={step.name}
                    className={`slds-path__item ${step.state === 'complete' ? 'slds-is-complete' : step.state === 'current' ? 'slds-is-current slds-is-active' : 'slds-is-incomplete'}`}
                    aria-current={step.state === 'current' ? 'step' : undefined}
                  >
                    <span className="slds-path__link">
                      <span className="slds-assistive-text">{step.state === 'complete' ? 'Stage complete:' : step.state === 'current' ? 'Current stage:' : 'Upcoming stage:'}</span>
                      <span className="slds-path__title">
                        {step.state === 'complete' && <Icon name="check" className="slds-icon slds-icon_xx-small eddy-stage-check" />}
                        {step.label}
                      </span>
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          </div>
        </div>
      </div>
      {current !== undefined && <p className="slds-assistive-text">Current stage: {current.label}</p>}
    </nav>
  );
}
