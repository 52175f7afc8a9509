import type { LocaleTexts } from '../message-templates';

/** German, in the polite form (Sie) customers of a shop expect. */
export const de: LocaleTexts = {
  greeting: ['Hallo {name},', 'Guten Tag,'],
  signOff: 'Ihr Kundenservice',
  templates: {
    'order-confirmation': {
      subject: 'Vielen Dank für Ihre Bestellung {orderRef}',
      paragraphs: [
        'wir haben Ihre Bestellung {orderRef} erhalten und bereiten sie vor.',
        'Bestellsumme: {total}',
        'Wir halten Sie bei jedem Schritt auf dem Laufenden, bis die Bestellung bei Ihnen ist.',
      ],
      sms: 'Vielen Dank für Ihre Bestellung {orderRef} ({total}). Wir halten Sie auf dem Laufenden.',
    },
    'order-not-accepted': {
      subject: 'Wir konnten Ihre Bestellung {orderRef} nicht annehmen',
      paragraphs: ['leider konnten wir Ihre Bestellung {orderRef} nicht annehmen. Es wurde nichts belastet.', 'Bei Fragen wenden Sie sich bitte an uns.'],
      sms: 'Wir konnten Ihre Bestellung {orderRef} nicht annehmen. Es wurde nichts belastet.',
    },
    'payment-declined': {
      subject: 'Ihre Zahlung für die Bestellung {orderRef} wurde abgelehnt',
      paragraphs: [
        'leider wurde die Zahlung über {total} für Ihre Bestellung {orderRef} abgelehnt, daher konnten wir die Bestellung nicht abschließen. Es wurde nichts belastet.',
        'Gern können Sie die Bestellung mit einer anderen Zahlungsart erneut aufgeben.',
      ],
      sms: 'Die Zahlung für Ihre Bestellung {orderRef} wurde abgelehnt; die Bestellung wurde nicht abgeschlossen. Es wurde nichts belastet.',
    },
    'payment-action-required': {
      subject: 'Bitte bestätigen Sie Ihre Zahlung für die Bestellung {orderRef}',
      paragraphs: [
        'Ihre Bank bittet Sie, die Zahlung über {total} für Ihre Bestellung {orderRef} zu bestätigen.',
        'Hier bestätigen: {actionUrl}',
        'Wird die Zahlung nicht rechtzeitig bestätigt, wird die Bestellung storniert und nichts belastet.',
      ],
      sms: 'Bitte bestätigen Sie die Zahlung über {total} für Ihre Bestellung {orderRef}: {actionUrl}',
    },
    'shipment-shipped': {
      subject: 'Ihre Bestellung {orderRef} ist unterwegs',
      paragraphs: [
        ['ein Paket mit Ihrer Bestellung {orderRef} wurde an {carrier} übergeben.', 'ein Paket mit Ihrer Bestellung {orderRef} ist unterwegs.'],
        'Sendungsnummer: {trackingNumber}',
        'Sendung verfolgen: {trackingUrl}',
      ],
      sms: ['Ihre Bestellung {orderRef} ist unterwegs. Sendung verfolgen: {trackingUrl}', 'Ihre Bestellung {orderRef} ist unterwegs.'],
    },
    'ready-for-pickup': {
      subject: 'Ihre Bestellung {orderRef} liegt zur Abholung bereit',
      paragraphs: ['Ihre Bestellung {orderRef} liegt im Geschäft zur Abholung für Sie bereit.', 'Bitte bringen Sie Ihre Bestellnummer {orderRef} mit.'],
      sms: 'Ihre Bestellung {orderRef} liegt im Geschäft zur Abholung bereit.',
    },
    'out-for-delivery': {
      subject: 'Ihre Bestellung {orderRef} kommt heute',
      paragraphs: ['Ihr Paket mit der Bestellung {orderRef} ist in der Zustellung und sollte heute ankommen.', 'Sendung verfolgen: {trackingUrl}'],
      sms: ['Ihre Bestellung {orderRef} kommt heute. Sendung verfolgen: {trackingUrl}', 'Ihre Bestellung {orderRef} kommt heute.'],
    },
    delivered: {
      subject: 'Ihre Bestellung {orderRef} wurde zugestellt',
      paragraphs: ['Ihr Paket mit der Bestellung {orderRef} wurde zugestellt. Viel Freude damit!', 'Sollte etwas nicht stimmen, wenden Sie sich bitte an uns.'],
      sms: 'Ihre Bestellung {orderRef} wurde zugestellt.',
    },
    'pickup-expired': {
      subject: 'Ihre Bestellung {orderRef} wurde nicht abgeholt',
      paragraphs: [
        'Ihre Bestellung {orderRef} wurde nicht rechtzeitig abgeholt und ist daher zurück ins Sortiment gegangen.',
        'Den dafür gezahlten Betrag erstatten wir auf Ihre ursprüngliche Zahlungsart.',
      ],
      sms: 'Ihre Bestellung {orderRef} wurde nicht rechtzeitig abgeholt. Den gezahlten Betrag erstatten wir Ihnen.',
    },
    'return-requested': {
      subject: 'Ihre Rücksendung zur Bestellung {orderRef} ist angemeldet',
      paragraphs: ['Wir haben Ihre Rücksendung {returnId} zur Bestellung {orderRef} angemeldet.', 'Bitte senden oder bringen Sie die Artikel bis {deadline} zurück.'],
      sms: 'Ihre Rücksendung {returnId} zur Bestellung {orderRef} ist angemeldet. Bitte bis {deadline} zurücksenden.',
    },
    'return-label': {
      subject: 'Ihr Rücksendeetikett zur Bestellung {orderRef}',
      paragraphs: ['Hier ist Ihr frankiertes Rücksendeetikett zur Bestellung {orderRef}: {labelUrl}', 'Sendungsnummer: {trackingNumber}'],
      sms: 'Ihr Rücksendeetikett zur Bestellung {orderRef}: {labelUrl}',
    },
    'return-received': {
      subject: 'Ihre Rücksendung zur Bestellung {orderRef} ist angekommen',
      paragraphs: ['Ihre Rücksendung {returnId} zur Bestellung {orderRef} ist angekommen und wurde geprüft.', 'Wir melden uns, sobald sie abgeschlossen ist.'],
      sms: 'Ihre Rücksendung {returnId} zur Bestellung {orderRef} ist angekommen.',
    },
    'return-refunded': {
      subject: 'Ihre Erstattung zur Bestellung {orderRef}',
      paragraphs: ['Wir haben {amount} für Ihre Rücksendung {returnId} zur Bestellung {orderRef} auf Ihre ursprüngliche Zahlungsart erstattet.', 'Es kann einige Tage dauern, bis die Gutschrift sichtbar ist.'],
      sms: 'Wir haben {amount} für Ihre Rücksendung {returnId} (Bestellung {orderRef}) erstattet.',
    },
    'return-credited': {
      subject: 'Ihr Guthaben zur Bestellung {orderRef}',
      paragraphs: ['Wir haben Ihrem Konto {amount} für Ihre Rücksendung {returnId} zur Bestellung {orderRef} gutgeschrieben.'],
      sms: 'Wir haben Ihrem Konto {amount} für Ihre Rücksendung {returnId} (Bestellung {orderRef}) gutgeschrieben.',
    },
    'return-expired': {
      subject: 'Ihre Rücksendung zur Bestellung {orderRef} ist abgelaufen',
      paragraphs: ['Die Artikel Ihrer Rücksendung {returnId} zur Bestellung {orderRef} sind nicht rechtzeitig bei uns eingegangen; die Rücksendung wurde geschlossen.', 'Wenn Sie die Artikel noch zurückgeben möchten, melden Sie bitte eine neue Rücksendung an.'],
      sms: 'Ihre Rücksendung {returnId} zur Bestellung {orderRef} ist abgelaufen.',
    },
    'order-cancelled': {
      subject: 'Ihre Bestellung {orderRef} wurde storniert',
      paragraphs: [
        'Ihre Bestellung {orderRef} wurde storniert.',
        'Bereits belastete Beträge erstatten wir, und auf Ihrer Zahlungsart reservierte Beträge werden freigegeben.',
      ],
      sms: 'Ihre Bestellung {orderRef} wurde storniert. Bereits belastete Beträge erstatten wir.',
    },
    'order-partially-cancelled': {
      subject: 'Ein Teil Ihrer Bestellung {orderRef} wurde storniert',
      paragraphs: ['wir mussten einige Artikel Ihrer Bestellung {orderRef} stornieren. Der Rest Ihrer Bestellung ist davon nicht betroffen.', 'Die stornierten Artikel werden Ihnen nicht berechnet.'],
      sms: 'Einige Artikel Ihrer Bestellung {orderRef} wurden storniert; sie werden Ihnen nicht berechnet.',
    },
    'order-failed': {
      subject: 'Es tut uns leid: ein Problem mit Ihrer Bestellung {orderRef}',
      paragraphs: [
        'es tut uns leid: Bei der Bearbeitung Ihrer Bestellung {orderRef} ist bei uns ein Fehler aufgetreten, und wir konnten sie nicht abschließen.',
        'Auf Ihrer Zahlungsart reservierte Beträge werden freigegeben, und für nicht versandte Ware bereits belastete Beträge erstatten wir.',
        'Bitte entschuldigen Sie. Gern können Sie erneut bestellen oder sich bei Fragen an uns wenden.',
      ],
      sms: 'Es tut uns leid: Wir konnten Ihre Bestellung {orderRef} nicht abschließen. Bereits belastete Beträge erstatten wir.',
    },
  },
};
