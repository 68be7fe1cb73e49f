import { Button, Modal, ModalVariant } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type ConfirmButtonProps = {
  label: string;
  title: string;
  message: string;
  testId: string;
  isDisabled?: boolean;
  onConfirm: () => Promise<void> | void;
};

/** A danger action that asks first: the admin sees what will happen and confirms or cancels. */
export const ConfirmButton = ({ label, title, message, testId, isDisabled, onConfirm }: ConfirmButtonProps) => {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="link" isDanger isInline isDisabled={isDisabled} data-testid={testId} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        variant={ModalVariant.small}
        title={title}
        isOpen={open}
        onClose={() => setOpen(false)}
        actions={[
          <Button key="confirm" variant="danger" data-testid="kcentra-confirm"
            onClick={async () => { setOpen(false); await onConfirm(); }}>{label}</Button>,
          <Button key="cancel" variant="link" onClick={() => setOpen(false)}>{t("cancel")}</Button>,
        ]}
      >
        {message}
      </Modal>
    </>
  );
};
