import { useEffect, useRef, useState } from 'react';
import { type Failure, useKintoneView } from '../api/kintone';
import { FailureNotice } from '../components/FailureNotice';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';
import { Stepper } from '../kintone/Stepper';
import { planNames } from '../kintone/states';
import { Troubleshooting } from '../kintone/Troubleshooting';
import { Step1, Step2, Step3, Step4, type StepProps } from '../kintone/WizardSteps';

const steps: Record<number, (props: StepProps) => React.ReactNode> = {
  1: Step1,
  2: Step2,
  3: Step3,
  4: Step4,
};

/** The four-step Kintone setup (owners and admins). The step shown is the server's, so it survives reloads. */
export function KintoneSetupPage() {
  const { t, text } = useT();
  useDocumentTitle(t('wizard.title'));
  const { api, view, loadFailure, busy, setBusy, run } = useKintoneView();
  const [stepFailure, setStepFailure] = useState<Failure | null>(null);
  const shownStep = useRef<number | null>(null);

  // Moving to another step puts focus on its heading, so keyboard and screen-reader users follow along.
  useEffect(() => {
    if (!view) return;
    if (shownStep.current !== null && shownStep.current !== view.currentStep) {
      document.getElementById(`wizard-step-${view.currentStep}`)?.focus();
    }
    shownStep.current = view.currentStep;
  }, [view]);

  const goToStep = (step: number) => {
    setStepFailure(null);
    void run('step', () => api.setStep(step)).then(setStepFailure);
  };

  const header = <PageHeader title={t('wizard.title')} intro={t('wizard.intro')} />;

  if (loadFailure) {
    return (
      <div className="page">
        {header}
        <FailureNotice failure={loadFailure} />
      </div>
    );
  }
  if (!view) {
    return (
      <div className="page">
        {header}
        <Loading text={t('kintone.loading')} />
      </div>
    );
  }
  if (!view.planIncludesKintone) {
    return (
      <div className="page">
        {header}
        <p className="notice notice--warning">
          {t('kintone.plan.excluded', { plan: text(planNames[view.workspace.plan]) })}
        </p>
      </div>
    );
  }
  if (!view.canManage || !view.facts) {
    return (
      <div className="page">
        {header}
        <p className="notice notice--warning">{t('wizard.adminsOnly')}</p>
      </div>
    );
  }

  const Step = steps[view.currentStep] ?? Step1;
  return (
    <div className="page">
      {header}
      {view.state === 'authorized' && (
        <p className="notice notice--success" role="status">
          {t('wizard.alreadyAuthorized')}
        </p>
      )}
      <Stepper
        current={view.currentStep}
        furthest={view.furthestStep}
        complete={view.state === 'authorized'}
        busy={busy !== null}
        onGo={goToStep}
      />
      {stepFailure && <FailureNotice failure={stepFailure} />}
      <div className="wizard">
        <div className="wizard__main">
          <Step key={view.currentStep} view={view} api={api} run={run} busy={busy} setBusy={setBusy} />
        </div>
        <Troubleshooting onGoToStep={goToStep} />
      </div>
    </div>
  );
}
