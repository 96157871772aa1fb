import type { MessagePart } from '.';

// The small explorers where the concepts live (#13): activations and their derivatives, losses
// and their gradients, initializers' ranges. The maths words follow the course's documents.
const part: MessagePart = {
  en: {
    'explore.if': 'if',
    'explore.activation.title': '{name} and its derivative',
    'explore.activation.plot': '{name}: the function (solid) and its derivative (dashed), for inputs from −6 to 6',
    'explore.activation.deadSide': 'dead side: f′ = 0',
    'explore.activation.sigmoid':
      'Saturating: for large |x| the output sticks to 0 or 1 and σ′ is almost 0. Even at its best σ′ is {max}, so every sigmoid layer the gradient goes back through multiplies it by {max} at most: the first layers of a deep sigmoid network learn very slowly (vanishing gradients).',
    'explore.activation.tanh':
      'Saturating at −1 and 1 like the sigmoid, but centred on 0 and steeper: tanh′ reaches {max} at x = 0, and is almost 0 far from it.',
    'explore.activation.relu':
      'Semi-saturating: for a positive input the slope is 1 and the gradient goes through unchanged; for a negative input the output and the slope are 0. A unit whose input is always negative gets no gradient and never learns again (a dead ReLU).',
    'explore.activation.linear':
      'No non-linearity: f′ = 1 everywhere. A stack of weighted sums is still one weighted sum, so linear layers alone only learn straight boundaries.',
    'explore.activation.softmax':
      'Turns a row of scores z into probabilities that add up to 1; it works on the whole row, not on each value alone (plotted: ŷ₀ for the two scores (z₀, 0), which is σ(z₀)). With the cross-entropy loss the two merge and the gradient on the scores is simply ŷ − y.',
    'explore.palette.summary': 'See the activation functions',
    'explore.palette.choose': 'Function',
    'explore.init.title': 'Where the first weights come from',
    'explore.init.fans': 'For this layer: fan_in = {fanIn} (inputs of each unit), fan_out = {fanOut}. The chosen initializer is highlighted.',
    'explore.init.name': 'Initializer',
    'explore.init.range': 'Weights drawn from',
  },
  fr: {
    'explore.if': 'si',
    'explore.activation.title': '{name} et sa dérivée',
    'explore.activation.plot': '{name} : la fonction (trait plein) et sa dérivée (pointillés), pour des entrées de −6 à 6',
    'explore.activation.deadSide': 'côté mort : f′ = 0',
    'explore.activation.sigmoid':
      'Saturante : pour |x| grand la sortie reste collée à 0 ou à 1 et σ′ vaut presque 0. Au mieux σ′ vaut {max} : chaque couche sigmoïde que le gradient retraverse le multiplie par {max} au plus, et les premières couches d’un réseau sigmoïde profond apprennent très lentement (gradients évanescents).',
    'explore.activation.tanh':
      'Saturante en −1 et en 1 comme la sigmoïde, mais centrée sur 0 et plus pentue : tanh′ atteint {max} en x = 0 et vaut presque 0 loin de là.',
    'explore.activation.relu':
      'Semi-saturante : pour une entrée positive la pente vaut 1 et le gradient passe tel quel ; pour une entrée négative la sortie et la pente valent 0. Un neurone dont l’entrée est toujours négative ne reçoit plus de gradient et n’apprend plus (ReLU morte).',
    'explore.activation.linear':
      'Aucune non-linéarité : f′ = 1 partout. Une suite de sommes pondérées reste une somme pondérée : des couches linéaires seules n’apprennent que des frontières droites.',
    'explore.activation.softmax':
      'Transforme une ligne de scores z en probabilités de somme 1 ; elle agit sur toute la ligne, pas sur chaque valeur seule (tracé : ŷ₀ pour les deux scores (z₀, 0), c’est-à-dire σ(z₀)). Avec la perte d’entropie croisée les deux se combinent et le gradient sur les scores vaut simplement ŷ − y.',
    'explore.palette.summary': 'Voir les fonctions d’activation',
    'explore.palette.choose': 'Fonction',
    'explore.init.title': 'D’où viennent les poids de départ',
    'explore.init.fans': 'Pour cette couche : fan_in = {fanIn} (entrées de chaque neurone), fan_out = {fanOut}. L’initialisation choisie est surlignée.',
    'explore.init.name': 'Initialisation',
    'explore.init.range': 'Poids tirés selon',
  },
};

export default part;
