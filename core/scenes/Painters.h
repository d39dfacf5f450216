#pragma once
// Internal to scenes/: the layer painters. Each draws its layers far to near into the canvas's colour
// frame and depth map at once (see Canvas.h for the depth convention). Layout details come from `rng`,
// which the renderer seeds from SceneSpec::seed, so a spec always draws the same picture.
#include <vector>

#include "core/scenes/Canvas.h"
#include "core/scenes/Rng.h"

namespace shotcraft::scenes {

// SkyPainter.cpp
void paintSky(Canvas& canvas, Rng& rng);      // gradient by time of day and weather, stars, sun or moon, clouds
void paintWeather(Canvas& canvas, Rng& rng);  // rain streaks, snowflakes, fog by depth (over everything)
// The ground plane from the horizon to the bottom row: colour gradient far -> near, depth gradient.
void paintGround(Canvas& canvas, const cv::Scalar& far_colour, const cv::Scalar& near_colour);

// LandscapePainter.cpp
void paintMountains(Canvas& canvas, Rng& rng);
void paintCoast(Canvas& canvas, Rng& rng);
void paintForest(Canvas& canvas, Rng& rng);
void paintRoad(Canvas& canvas, Rng& rng);
// A jagged line across the frame (midpoint displacement): x from 0 to width, y around base_y +- amp.
std::vector<cv::Point> ridgeLine(Rng& rng, int width, float base_y, float amp, float roughness);
// A ridge filled down to `bottom_y` with one colour and one depth.
void fillRidge(Canvas& canvas, const std::vector<cv::Point>& ridge, int bottom_y, const cv::Scalar& colour,
               int depth);
// Trees standing at base_y (pixels), height in pixels.
void paintConifer(Canvas& canvas, cv::Point base, float height_px, const cv::Scalar& leaves,
                  const cv::Scalar& trunk, int depth);
void paintRoundTree(Canvas& canvas, Rng& rng, cv::Point base, float height_px, const cv::Scalar& leaves,
                    const cv::Scalar& trunk, int depth);

// CityPainter.cpp
void paintCity(Canvas& canvas, Rng& rng);
void paintCyberpunkCity(Canvas& canvas, Rng& rng);
// A row of buildings standing on base_y up to max_height_px, optionally with lit windows.
void paintSkyline(Canvas& canvas, Rng& rng, float base_y, float max_height_px, const cv::Scalar& colour,
                  int depth, bool lit_windows);

// InteriorPainter.cpp
void paintRoom(Canvas& canvas, Rng& rng);
void paintOffice(Canvas& canvas, Rng& rng);

}  // namespace shotcraft::scenes
