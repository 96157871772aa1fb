import type { MessagePart } from '.';

// The small explorers where the concepts live (#13): activations and their derivatives, losses
// and their gradients, initializers' ranges. The maths words follow the course's documents.
const part: MessagePart = {
  en: {
    'explore.if': 'if',
    'explore.activation.title': '{name} and its derivative',
    'explore.activation.plot': '{name}: the function (solid) and its derivative (dashed), for inputs from −6 to 6',
    'explore.activation.deadSide': 'dead side: f′ = 0',
    'explore.activation.liveZ': 'What goes into {layer}’s activation now (z, the latest measured batch): on the flat parts of f, f′ is near 0 and little gradient passes.',
    'explore.activation.liveZImage': 'Histogram of the inputs z of {layer}’s activation, latest batch',
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
    'explore.loss.title': '{name} and its gradient',
    'explore.loss.open': 'See this loss and its gradient',
    'explore.loss.target': 'Target',
    'explore.loss.plot': '{name}: the loss (solid) and its gradient (dashed) against the prediction ŷ, for the target y = {target}',
    'explore.loss.example': 'For example:',
    'explore.loss.mean_absolute_error': 'For regression. The gradient is ±1 whatever the size of the error: a small mistake is pushed as hard as a big one, so it is seldom used.',
    'explore.loss.mean_squared_error': 'For regression, the most used. The gradient grows with the error: big mistakes are punished much more than small ones.',
    'explore.loss.binary_crossentropy': 'For classification when the outputs are independent yes/no answers. Logarithmic: a confident wrong answer (ŷ near 0 when y = 1) costs a lot. With the sigmoid before it the gradient on the score is simply ŷ − y.',
    'explore.loss.categorical_crossentropy': 'For classification into one of several classes (plotted for two: ŷ is the probability of the first). Logarithmic like the binary one; with the softmax before it the gradient on the scores is simply ŷ − y.',
  },
  fr: {
    'explore.if': 'si',
    'explore.activation.title': '{name} et sa dérivée',
    'explore.activation.plot': '{name} : la fonction (trait plein) et sa dérivée (pointillés), pour des entrées de −6 à 6',
    'explore.activation.deadSide': 'côté mort : f′ = 0',
    'explore.activation.liveZ': 'Ce qui entre dans l’activation de {layer} en ce moment (z, dernier lot mesuré) : sur les parties plates de f, f′ est presque nulle et peu de gradient passe.',
    'explore.activation.liveZImage': 'Histogramme des entrées z de l’activation de {layer}, dernier lot',
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
    'explore.loss.title': '{name} et son gradient',
    'explore.loss.open': 'Voir cette perte et son gradient',
    'explore.loss.target': 'Cible',
    'explore.loss.plot': '{name} : la perte (trait plein) et son gradient (pointillés) selon la prédiction ŷ, pour la cible y = {target}',
    'explore.loss.example': 'Par exemple :',
    'explore.loss.mean_absolute_error': 'Pour la régression. Le gradient vaut ±1 quelle que soit l’erreur : une petite erreur est corrigée aussi fort qu’une grande, d’où son peu d’usage.',
    'explore.loss.mean_squared_error': 'Pour la régression, la plus utilisée. Le gradient grandit avec l’erreur : les grandes erreurs sont bien plus pénalisées que les petites.',
    'explore.loss.binary_crossentropy': 'Pour la classification quand les sorties sont des réponses oui/non indépendantes. Logarithmique : une réponse fausse et sûre d’elle (ŷ proche de 0 quand y = 1) coûte cher. Avec la sigmoïde avant elle, le gradient sur le score vaut simplement ŷ − y.',
    'explore.loss.categorical_crossentropy': 'Pour la classification en une classe parmi plusieurs (tracée pour deux : ŷ est la probabilité de la première). Logarithmique comme la binaire ; avec la softmax avant elle, le gradient sur les scores vaut simplement ŷ − y.',
  },
};

export default part;
