import { defineMessages } from '../message';

/**
 * Problems with a network (analyzeNetwork, the layer registry), in both languages. Layer
 * problems start in lower case: they follow "Layer 2 (dense_1): " (`spec.atLayer`).
 */
export default defineMessages({
  'spec.atLayer': { en: 'Layer {position} ({name}): {problem}', fr: 'Couche {position} ({name}) : {problem}' },
  'spec.invalidNetwork': { en: 'Invalid network.', fr: 'Réseau non valide.' },
  'spec.inputShape': {
    en: 'input_shape must be [features] or [height, width, channels] (got {got}).',
    fr: 'input_shape doit être [caractéristiques] ou [hauteur, largeur, canaux] (reçu : {got}).',
  },
  'spec.noLayerList': {
    en: 'The network spec needs a "layers" list.',
    fr: 'La description du réseau doit contenir une liste « layers ».',
  },
  'spec.unknownType': {
    en: 'unknown layer type {type}. Known types: {known}.',
    fr: 'type de couche inconnu : {type}. Types connus : {known}.',
  },
  'spec.duplicateName': {
    en: 'the name "{name}" is used twice; layer names must be unique.',
    fr: 'le nom « {name} » est utilisé deux fois ; chaque couche doit avoir son propre nom.',
  },
  'spec.unknownSetting': { en: '{type} has no setting "{setting}". {takes}', fr: '{type} n’a pas de réglage « {setting} ». {takes}' },
  'spec.takesSettings': { en: 'It takes: {settings}.', fr: 'Ses réglages sont : {settings}.' },
  'spec.takesNoSettings': { en: 'It takes no settings.', fr: 'Cette couche n’a aucun réglage.' },
  'spec.noLayers': {
    en: 'The network has no layers. Add at least Flatten and a Dense layer with {units} units.',
    fr: 'Le réseau n’a aucune couche. Ajoutez au moins Flatten et une couche Dense de {units} unités.',
  },
  'spec.endsWithImage': {
    en: 'The network ends with the image-shaped output {shape}; end it with Flatten and a Dense layer of {units} units (one per class).',
    fr: 'Le réseau se termine par une sortie en forme d’image {shape} ; terminez-le par Flatten et une couche Dense de {units} unités (une par classe).',
  },
  'spec.wrongOutputCount': {
    en: 'The last layer outputs {outputs} values but there are {classes} classes; end the network with a Dense layer of {classes} units.',
    fr: 'La dernière couche donne {outputs} valeurs alors qu’il y a {classes} classes ; terminez le réseau par une couche Dense de {classes} unités.',
  },
  'spec.tooManyParams': {
    en: 'The network has {total} parameters; Layerwise trains at most {max}. Use fewer units or filters, or pool before Flatten.',
    fr: 'Le réseau a {total} paramètres ; Layerwise en entraîne au plus {max}. Utilisez moins d’unités ou de filtres, ou ajoutez un pooling avant Flatten.',
  },
  'spec.outputActivation': {
    en: 'The network ends with {activation}, which {damage}; with categorical cross-entropy (the default loss) it will train, but learn poorly. {advice}',
    fr: 'Le réseau se termine par {activation}, qui {damage} ; avec l’entropie croisée catégorielle (la perte par défaut), il s’entraînera, mais apprendra mal. {advice}',
  },
  'spec.damage.relu': { en: 'sets every negative score to 0, where it stops learning', fr: 'ramène chaque score négatif à 0, où il cesse d’apprendre' },
  'spec.damage.leakyRelu': { en: 'shrinks every negative score', fr: 'écrase chaque score négatif' },
  'spec.damage.sigmoid': {
    en: 'keeps every score between 0 and 1, so no class can be much likelier than another',
    fr: 'garde chaque score entre 0 et 1, si bien qu’aucune classe ne peut être beaucoup plus probable qu’une autre',
  },
  'spec.damage.tanh': {
    en: 'keeps every score between -1 and 1, so no class can be much likelier than another',
    fr: 'garde chaque score entre -1 et 1, si bien qu’aucune classe ne peut être beaucoup plus probable qu’une autre',
  },
  'spec.damage.other': { en: 'distorts the scores', fr: 'déforme les scores' },
  'spec.advice.setSoftmax': { en: 'Set its activation to softmax.', fr: 'Réglez son activation sur softmax.' },
  'spec.advice.softmaxLayer': { en: 'Replace it by a Softmax layer.', fr: 'Remplacez-la par une couche Softmax.' },
  'spec.zeroInit': {
    en: 'All of this layer’s weights start at zero (kernel_initializer zeros), so all its units start identical: each gives the same value whatever the image. ' +
      'Identical units get identical updates as long as nothing tells them apart, so they stay copies of one another (and with relu they are not updated at all). ' +
      'Use glorot_uniform (the default), which starts each unit from different random weights.',
    fr: 'Tous les poids de cette couche partent de zéro (kernel_initializer zeros) : toutes ses unités démarrent donc identiques et donnent la même valeur, quelle que soit l’image. ' +
      'Des unités identiques reçoivent des mises à jour identiques tant que rien ne les distingue : elles restent des copies les unes des autres (et avec relu, elles ne sont pas mises à jour du tout). ' +
      'Utilisez glorot_uniform (le réglage par défaut), qui fait partir chaque unité de poids aléatoires différents.',
  },
  'spec.needsImage': {
    en: '{type} works on images [height, width, channels] but receives a flat vector {shape}. Place convolution and pooling layers before Flatten and Dense.',
    fr: '{type} travaille sur des images [hauteur, largeur, canaux] mais reçoit un vecteur plat {shape}. Placez les couches de convolution et de pooling avant Flatten et Dense.',
  },
  'spec.needsVector': {
    en: '{type} needs a flat vector but receives the image-shaped {shape}. Insert a Flatten layer before it.',
    fr: '{type} a besoin d’un vecteur plat mais reçoit une sortie en forme d’image {shape}. Insérez une couche Flatten juste avant.',
  },
  'spec.wholeRange': {
    en: '{setting} must be a whole number from 1 to {max} (got {got}).',
    fr: '{setting} doit être un nombre entier de 1 à {max} (reçu : {got}).',
  },
  'spec.pairRange': {
    en: '{setting} must be a whole number from 1 to {max}, or a pair of them (got {got}).',
    fr: '{setting} doit être un nombre entier de 1 à {max}, ou une paire de tels nombres (reçu : {got}).',
  },
  'spec.activationChoice': {
    en: 'activation must be one of linear, relu, tanh, sigmoid, softmax (got {got}).',
    fr: 'activation doit être linear, relu, tanh, sigmoid ou softmax (reçu : {got}).',
  },
  'spec.activationRequired': {
    en: 'activation is required (relu, tanh, sigmoid, softmax or linear).',
    fr: 'activation est obligatoire (relu, tanh, sigmoid, softmax ou linear).',
  },
  'spec.initializerChoice': {
    en: '{setting} must be one of glorot_uniform, glorot_normal, he_uniform, he_normal, pytorch_uniform, zeros (got {got}).',
    fr: '{setting} doit être glorot_uniform, glorot_normal, he_uniform, he_normal, pytorch_uniform ou zeros (reçu : {got}).',
  },
  'spec.boolean': { en: '{setting} must be true or false.', fr: '{setting} doit valoir true ou false.' },
  'spec.paddingChoice': {
    en: 'padding must be "valid" or "same" (got {got}).',
    fr: 'padding doit valoir « valid » ou « same » (reçu : {got}).',
  },
  'spec.alphaRange': { en: 'alpha must be a number from 0 to 1 (got {got}).', fr: 'alpha doit être un nombre de 0 à 1 (reçu : {got}).' },
  'spec.rateRange': {
    en: 'rate must be a number from 0 up to (not including) 1 (got {got}).',
    fr: 'rate doit être un nombre de 0 (compris) à 1 (non compris) (reçu : {got}).',
  },
  'spec.kernelTooBig': {
    en: 'its {kernel} kernel does not fit its {size} input. Use padding "same", a smaller kernel, or fewer pooling layers before it.',
    fr: 'son noyau {kernel} ne tient pas dans son entrée {size}. Utilisez le padding « same », un noyau plus petit, ou moins de couches de pooling avant elle.',
  },
  'spec.poolTooBig': {
    en: 'its {pool} pool is larger than its {size} input. Use a smaller pool, padding "same", or remove this layer.',
    fr: 'sa fenêtre de pooling {pool} est plus grande que son entrée {size}. Utilisez une fenêtre plus petite, le padding « same », ou supprimez cette couche.',
  },
  'spec.targetShape': {
    en: 'target_shape must be a list of 1 to 3 whole numbers from 1 up, such as [28, 28, 1] (got {got}).',
    fr: 'target_shape doit être une liste de 1 à 3 nombres entiers à partir de 1, comme [28, 28, 1] (reçu : {got}).',
  },
  'spec.reshapeSize': {
    en: 'its target shape {shape} holds {size} values, but its {input} input holds {inputSize}. Choose a shape whose sizes multiply to {inputSize}.',
    fr: 'sa forme cible {shape} contient {size} valeurs, mais son entrée {input} en contient {inputSize}. Choisissez une forme dont les tailles multipliées donnent {inputSize}.',
  },
  'spec.momentumRange': {
    en: 'momentum must be a number between 0 and 1, both excluded (got {got}).',
    fr: 'momentum doit être un nombre strictement compris entre 0 et 1 (reçu : {got}).',
  },
  'spec.epsilonRange': {
    en: 'epsilon must be a number greater than 0 (got {got}).',
    fr: 'epsilon doit être un nombre strictement positif (reçu : {got}).',
  },
  // Generic setting checks any layer kind may use (engine/layers/kind.ts), so a new layer needs no message of its own.
  'spec.nonNegative': {
    en: '{setting} must be a number from 0 up (got {got}).',
    fr: '{setting} doit être un nombre positif ou nul (reçu : {got}).',
  },
  // Autoencoders (issue 12).
  'spec.reconstructionShape': {
    en: 'To reconstruct its input, the network must end with the input’s shape, {input}, but it ends with {output}. Add a Dense layer of {units} sigmoid units, then a Reshape to {input}.',
    fr: 'Pour reconstruire son entrée, le réseau doit se terminer avec la forme de l’entrée, {input}, mais il se termine avec {output}. Ajoutez une couche Dense de {units} neurones sigmoïdes, puis un Reshape en {input}.',
  },
  'spec.reconstructionReshape': {
    en: 'To reconstruct its input, the network must end with the input’s shape, {input}: it ends with the right number of values, {output}, in a flat list. Add a Reshape to {input}.',
    fr: 'Pour reconstruire son entrée, le réseau doit se terminer avec la forme de l’entrée, {input} : il se termine avec le bon nombre de valeurs, {output}, en une liste. Ajoutez un Reshape en {input}.',
  },
});
