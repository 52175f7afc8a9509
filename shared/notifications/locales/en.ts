import type { LocaleTexts } from '../message-templates';

/** English, the fallback for every customer whose language is not supported. */
export const en: LocaleTexts = {
  greeting: ['Hi {name},', 'Hello,'],
  signOff: 'Your customer service team',
  templates: {
    'order-confirmation': {
      subject: 'Thank you for your order {orderRef}',
      paragraphs: [
        'We have received your order {orderRef} and are getting it ready.',
        'Order total: {total}',
        'We will let you know at every step until it is with you.',
      ],
      sms: 'Thank you for your order {orderRef} ({total}). We will keep you posted.',
    },
    'order-not-accepted': {
      subject: 'We could not accept your order {orderRef}',
      paragraphs: ['Unfortunately we could not accept your order {orderRef}. Nothing has been charged.', 'If you have any questions, please contact us.'],
      sms: 'We could not accept your order {orderRef}. Nothing has been charged.',
    },
    'payment-declined': {
      subject: 'Your payment for order {orderRef} did not go through',
      paragraphs: [
        'Unfortunately the payment of {total} for your order {orderRef} was declined, so we could not complete the order. Nothing has been charged.',
        'You are welcome to place the order again with another payment method.',
      ],
      sms: 'The payment for your order {orderRef} was declined; the order was not completed. Nothing has been charged.',
    },
    'payment-action-required': {
      subject: 'Please confirm your payment for order {orderRef}',
      paragraphs: [
        'Your bank asks you to confirm the payment of {total} for your order {orderRef}.',
        'Confirm it here: {actionUrl}',
        'If the payment is not confirmed in time, the order is cancelled and nothing is charged.',
      ],
      sms: 'Please confirm the payment of {total} for your order {orderRef}: {actionUrl}',
    },
    'shipment-shipped': {
      subject: 'Your order {orderRef} is on its way',
      paragraphs: [
        ['A parcel with your order {orderRef} has been handed to {carrier}.', 'A parcel with your order {orderRef} is on its way.'],
        'Tracking number: {trackingNumber}',
        'Track your parcel: {trackingUrl}',
      ],
      sms: ['Your order {orderRef} is on its way. Track it: {trackingUrl}', 'Your order {orderRef} is on its way.'],
    },
    'ready-for-pickup': {
      subject: 'Your order {orderRef} is ready for pickup',
      paragraphs: ['Your order {orderRef} is ready for you to collect in store.', 'Please bring your order number {orderRef} with you.'],
      sms: 'Your order {orderRef} is ready for pickup in store.',
    },
    'out-for-delivery': {
      subject: 'Your order {orderRef} arrives today',
      paragraphs: ['Your parcel with order {orderRef} is out for delivery and should arrive today.', 'Track it: {trackingUrl}'],
      sms: ['Your order {orderRef} arrives today. Track it: {trackingUrl}', 'Your order {orderRef} arrives today.'],
    },
    delivered: {
      subject: 'Your order {orderRef} has been delivered',
      paragraphs: ['Your parcel with order {orderRef} has been delivered. We hope you enjoy it!', 'If anything is not right with it, please contact us.'],
      sms: 'Your order {orderRef} has been delivered.',
    },
    'pickup-expired': {
      subject: 'Your order {orderRef} was not collected',
      paragraphs: [
        'Your order {orderRef} was not collected in time, so it has gone back to the store.',
        'What you paid for it will be refunded to your original payment method.',
      ],
      sms: 'Your order {orderRef} was not collected in time. What you paid for it will be refunded.',
    },
    'return-requested': {
      subject: 'Your return for order {orderRef} is registered',
      paragraphs: ['We have registered your return {returnId} for order {orderRef}.', 'Please send or bring the items back by {deadline}.'],
      sms: 'Your return {returnId} for order {orderRef} is registered. Please send the items back by {deadline}.',
    },
    'return-label': {
      subject: 'Your return label for order {orderRef}',
      paragraphs: ['Here is your prepaid return label for order {orderRef}: {labelUrl}', 'Tracking number: {trackingNumber}'],
      sms: 'Your return label for order {orderRef}: {labelUrl}',
    },
    'return-received': {
      subject: 'We have received your return for order {orderRef}',
      paragraphs: ['Your return {returnId} for order {orderRef} has arrived and been checked.', 'We will let you know as soon as it is settled.'],
      sms: 'Your return {returnId} for order {orderRef} has arrived.',
    },
    'return-refunded': {
      subject: 'Your refund for order {orderRef}',
      paragraphs: ['We have refunded {amount} to your original payment method for your return {returnId} of order {orderRef}.', 'It may take a few days to show on your statement.'],
      sms: 'We have refunded {amount} for your return {returnId} (order {orderRef}).',
    },
    'return-credited': {
      subject: 'Your store credit for order {orderRef}',
      paragraphs: ['We have credited {amount} to your account for your return {returnId} of order {orderRef}.'],
      sms: 'We have credited {amount} to your account for your return {returnId} (order {orderRef}).',
    },
    'return-expired': {
      subject: 'Your return for order {orderRef} has expired',
      paragraphs: ['We did not receive the items of your return {returnId} for order {orderRef} in time, so the return has been closed.', 'If you still want to return them, please start a new return.'],
      sms: 'Your return {returnId} for order {orderRef} has expired without the items arriving.',
    },
    'order-cancelled': {
      subject: 'Your order {orderRef} has been cancelled',
      paragraphs: [
        'Your order {orderRef} has been cancelled.',
        'Anything already charged will be refunded, and any amount reserved on your payment method is released.',
      ],
      sms: 'Your order {orderRef} has been cancelled. Anything charged will be refunded.',
    },
    'order-partially-cancelled': {
      subject: 'Part of your order {orderRef} has been cancelled',
      paragraphs: ['We had to cancel some items of your order {orderRef}. The rest of your order is not affected.', 'You will not be charged for the cancelled items.'],
      sms: 'Some items of your order {orderRef} were cancelled; you will not be charged for them.',
    },
    'order-failed': {
      subject: 'We are sorry: a problem with your order {orderRef}',
      paragraphs: [
        'We are sorry: something went wrong on our side while processing your order {orderRef}, and we could not complete it.',
        'Any amount reserved on your payment method is released, and anything charged for goods that did not ship will be refunded.',
        'Please accept our apologies. You are welcome to order again, or to contact us with any questions.',
      ],
      sms: 'We are sorry: we could not complete your order {orderRef}. Anything charged for it will be refunded.',
    },
  },
};
