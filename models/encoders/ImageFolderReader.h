#pragma once
// Images in a folder tree, one subfolder per class (the layout of torchvision's ImageFolder):
//   root/<class a>/<image>, root/<class b>/<image>, ...
// Classes are the subfolders in name order (label 0, 1, ...); images are read in name order within a
// class, samples ordered class by class. Files that OpenCV can decode (png, jpg, bmp, pgm, tif, ...)
// are read as greyscale (cv::IMREAD_GRAYSCALE) and resized to width x height (cv::INTER_AREA when
// shrinking, bilinear when enlarging). Other files are skipped; a file with an image extension that
// does not decode is an error naming it.
#include "models/encoders/IdxReader.h"

namespace ss::models {

// The images as an IdxDataset (unsigned bytes, labels = class index); maxPerClass > 0 keeps the first
// maxPerClass images of each class. Throws IdxError naming the folder or the file at fault.
IdxDataset loadImageFolder(const std::string& root, int width, int height, std::size_t maxPerClass = 0);

// The class names (subfolder names) in label order.
std::vector<std::string> imageFolderClasses(const std::string& root);

} // namespace ss::models
