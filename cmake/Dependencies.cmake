# Every dependency comes from a Debian 12 package; scripts/install-deps installs them.
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)
set(CMAKE_AUTOUIC ON)

find_package(Qt6 6.4 REQUIRED COMPONENTS Core Concurrent)
if(SHOTCRAFT_BUILD_UI)
  find_package(Qt6 6.4 REQUIRED COMPONENTS Gui Widgets Multimedia PrintSupport LinguistTools)
  # QCustomPlot's Qt 6 build needs Qt6::PrintSupport found first.
  find_package(QCustomPlotQt6 REQUIRED)
endif()
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs video ml dnn)
find_package(PkgConfig REQUIRED)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET libavformat libavcodec libavfilter libavutil libswscale libswresample)
if(SHOTCRAFT_BUILD_TORCH)
  # -DTorch_DIR=/path/to/libtorch/share/cmake/Torch selects another (e.g. CUDA) libtorch build.
  find_package(Torch REQUIRED)
endif()
