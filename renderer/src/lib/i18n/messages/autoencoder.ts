import type { MessagePart } from '.';

/** Draw & test for an autoencoder: the reconstruction, the code, the decoder map. */
const part: MessagePart = {
  en: {
    'autoencoder.reconstructionTitle': 'Its reconstruction',
    'autoencoder.reconstruction': 'The reconstruction of your drawing: the 28 × 28 image the network rebuilds from its code',
    'autoencoder.reconstructionHint': 'The autoencoder squeezes your drawing into its code, then rebuilds it from those few numbers alone.',
    'autoencoder.waiting': 'Draw a digit to see how the autoencoder rebuilds it.',
    'autoencoder.codeTitle': 'Its code (layer “{layer}”)',
    'autoencoder.codeBars': 'The code: {count} numbers',
    'autoencoder.codeValue': '{name} = {value}',
    'autoencoder.mapTitle': 'Decoder map',
    'autoencoder.map': 'Decoder map: the plane of 2-number codes, z₁ across and z₂ up, with {count} test images at their codes, coloured by digit. Click or drag to decode a point, or type z₁ and z₂ below.',
    'autoencoder.mapHint': 'Click or drag anywhere: the decoder turns that code (z₁, z₂) into an image. Each dot is a test image at its code, coloured by its true digit.',
    'autoencoder.mapLoading': 'Reading the codes of the test images…',
    'autoencoder.codeFields': 'Code to decode',
    'autoencoder.decodedTitle': 'What the decoder makes',
    'autoencoder.decoded': 'The image the decoder makes of the code z₁ = {z1}, z₂ = {z2}',
    'autoencoder.decodedWaiting': 'Click on the map to choose a code.',
    'autoencoder.legend': 'Test images by true digit',
    'autoencoder.legendItem': 'Digit {digit}',
  },
  fr: {
    'autoencoder.reconstructionTitle': 'Sa reconstruction',
    'autoencoder.reconstruction': 'La reconstruction de votre dessin : l’image 28 × 28 que le réseau refait à partir de son code',
    'autoencoder.reconstructionHint': 'L’auto-encodeur résume votre dessin en son code, puis le refait à partir de ces seuls quelques nombres.',
    'autoencoder.waiting': 'Dessinez un chiffre pour voir comment l’auto-encodeur le reconstruit.',
    'autoencoder.codeTitle': 'Son code (couche « {layer} »)',
    'autoencoder.codeBars': 'Le code : {count} nombres',
    'autoencoder.codeValue': '{name} = {value}',
    'autoencoder.mapTitle': 'Carte du décodeur',
    'autoencoder.map': 'Carte du décodeur : le plan des codes à 2 nombres, z₁ en abscisse et z₂ en ordonnée, avec {count} images de test à leur code, colorées par chiffre. Cliquez ou glissez pour décoder un point, ou tapez z₁ et z₂ ci-dessous.',
    'autoencoder.mapHint': 'Cliquez ou glissez n’importe où : le décodeur transforme ce code (z₁, z₂) en image. Chaque point est une image de test placée à son code, colorée selon son vrai chiffre.',
    'autoencoder.mapLoading': 'Lecture des codes des images de test…',
    'autoencoder.codeFields': 'Code à décoder',
    'autoencoder.decodedTitle': 'Ce que fait le décodeur',
    'autoencoder.decoded': 'L’image que le décodeur fait du code z₁ = {z1}, z₂ = {z2}',
    'autoencoder.decodedWaiting': 'Cliquez sur la carte pour choisir un code.',
    'autoencoder.legend': 'Images de test selon leur vrai chiffre',
    'autoencoder.legendItem': 'Chiffre {digit}',
  },
};

export default part;
