import type { Phrasebook } from './phrasebook.ts';

/** English customer texts: expatriates, tourists and bilingual customers. */
export const english: Phrasebook = {
  fragments: {
    delivery: {
      positive: [
        'Fast delivery, arrived in {days} days.',
        'Parcel arrived in perfect condition and well packed.',
        'Delivered earlier than expected, no complaints.',
        'Tracking was clear and the driver was lovely.',
        'No problem at all with the delivery.',
        'Order arrived the next day, really efficient.',
      ],
      neutral: [
        'Delivered within the announced time.',
        'The parcel took {days} days, as expected.',
        'I chose delivery to a pick-up point.',
        'Delivery time was fine, nothing special.',
      ],
      negative: [
        'Parcel never arrived even though it says delivered.',
        'Order {order} still has not arrived after {days} days.',
        'Delivery over a week late with no information.',
        'The box arrived damaged and opened.',
        'Tracking does not work, no idea where my parcel is.',
        'Not happy at all with the delivery, third time this happens.',
        'They sent me the wrong item.',
      ],
    },
    price: {
      positive: [
        'Prices are very reasonable for the quality.',
        'Great value for money.',
        'The newsletter discounts are worth it.',
        'Cheaper than elsewhere for the same item.',
        'Fair prices, no nasty surprises.',
      ],
      neutral: [
        'Prices are about average.',
        'I waited for the sales to order.',
        'Free shipping over 50 euros.',
      ],
      negative: [
        'Far too expensive for what it is.',
        'Prices keep going up, not worth it any more.',
        'Shipping costs are outrageous.',
        'The discount was not applied at checkout.',
        'The {product} is not worth the money.',
      ],
    },
    product_quality: {
      positive: [
        'The {product} is excellent quality.',
        'Exactly as described, really pleased.',
        'Beautiful finish, very well made.',
        'Soft and sturdy materials, would recommend.',
        'Still like new after many washes.',
      ],
      neutral: [
        'The {product} looks like the picture.',
        'Decent quality for everyday use.',
        'Runs a bit large, order a size down.',
      ],
      negative: [
        'The {product} fell apart after two weeks.',
        'Disappointing quality, nothing like the photo.',
        'Faulty on arrival.',
        'Seams came apart after the first wash.',
        'The {product} is not at all as described.',
        'Not happy with the quality, would not recommend.',
      ],
    },
    staff: {
      positive: [
        'Very friendly and helpful staff at the {store} shop.',
        '{agent} from customer service was patient and efficient.',
        'Staff are smiling and always available.',
        'Thanks to {agent}, sorted in two minutes.',
        'Knowledgeable adviser who found a solution quickly.',
      ],
      neutral: [
        'A sales assistant at {store} took care of me.',
        'The adviser put me through to the right team.',
        '{agent} logged my request.',
      ],
      negative: [
        'Rude staff who do not listen at all.',
        'The staff at {store} completely ignored me.',
        'The adviser hung up on me.',
        'No help in the shop, nobody was available.',
        'Customer service is unreachable and sends canned answers.',
      ],
    },
    website_app: {
      positive: [
        'The website is clear and easy to use.',
        'The app is handy, ordering takes two taps.',
        'Quick and secure payment in the app.',
        'Great app, order tracking is spot on.',
        'Smooth browsing, even on mobile.',
      ],
      neutral: [
        'I ordered on the website.',
        'I use the app to track my orders.',
        'I created an account to order.',
      ],
      negative: [
        'The website crashes at payment.',
        'I cannot log in to the app.',
        'The app keeps crashing since the last update.',
        'My basket emptied itself, very frustrating.',
        'The promo code does not work on the website.',
      ],
    },
    waiting_time: {
      positive: [
        'Customer service answered in under five minutes.',
        'No queue at the till, much appreciated.',
        'They called me back quickly as promised.',
        'The chat replied almost instantly.',
      ],
      neutral: ['I waited about ten minutes on the phone.', 'The chat says replies take 24 hours.'],
      negative: [
        '{minutes} minutes on hold for nothing.',
        'Nobody answers the phone, it is a disgrace.',
        'Still no reply to my e-mail after {days} days.',
        'Endless queue at the till.',
        'Still waiting for the promised call back.',
      ],
    },
    returns_refunds: {
      positive: [
        'Free return and refund within a few days.',
        'Exchanged in the shop without any hassle.',
        'Quick refund, no complaints.',
        'The returns process is simple and clear.',
      ],
      neutral: [
        'I would like to return an item from order {order}.',
        'How do I exchange for another size?',
        'I sent the {product} back through a pick-up point.',
      ],
      negative: [
        'Still not refunded {days} days after the return.',
        'Return refused with no explanation.',
        'They offered a voucher instead of a refund, no way.',
        'I sent the parcel back a month ago and never got my money.',
        'Impossible to get a refund, they keep stalling.',
      ],
    },
  },
  openers: {
    positive: [
      'Great experience!',
      'Really pleased with my order.',
      'Just a quick thank you.',
      'Perfect from start to finish.',
    ],
    neutral: ['Some feedback on my order.', 'Mixed feelings.', 'A few remarks:'],
    negative: ['Very disappointed.', 'Not happy at all.', 'Honestly, never again.', 'Terrible experience.'],
  },
  closers: {
    positive: ['Highly recommend!', 'Will definitely come back.', 'Thanks to the whole team.'],
    neutral: ['We will see next time.', 'Nothing else to report.', 'Thanks.'],
    negative: [
      'Would never recommend.',
      'I will not order from you again.',
      'Unacceptable.',
      'Shopping elsewhere from now on.',
    ],
  },
  titles: {
    positive: ['Perfect', 'Very happy', 'Recommended', 'Excellent service'],
    neutral: ['OK', 'Could be better', 'Average'],
    negative: ['Very disappointed', 'Avoid', 'Scam', 'Never arrived'],
  },
  subjects: {
    delivery: ['Order not received', 'Late delivery', 'Damaged parcel'],
    price: ['Price question', 'Discount code not applied'],
    product_quality: ['Faulty product', 'Item not as described'],
    staff: ['Complaint about a shop', 'Thank you'],
    website_app: ['Cannot log in', 'App bug', 'Payment failed'],
    waiting_time: ['No reply yet', 'Call back request'],
    returns_refunds: ['Return request', 'Refund pending', 'Size exchange'],
  },
  greetings: ['Hello,', 'Hi,', 'Dear customer service,'],
  requests: [
    'Please get back to me quickly.',
    'Could you tell me what is going on?',
    'Thanks in advance for your help.',
  ],
  signoffs: ['Best regards,', 'Thanks,', 'Kind regards,'],
  outbursts: [
    {
      text: 'parcel never arrived and customer service won’t pick up. Scam!',
      themes: ['delivery', 'waiting_time'],
    },
    { text: 'still waiting for order {order} after {days} days. Not happy at all 😡', themes: ['delivery'] },
    {
      text: 'lost my parcel, then kept me on hold for {minutes} minutes. Never again.',
      themes: ['delivery', 'waiting_time'],
    },
    { text: 'marked as delivered, nothing at my door. Great job… 👎', themes: ['delivery'] },
  ],
};
