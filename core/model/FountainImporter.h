#pragma once
// Fountain screenplay -> Project: one shot per scene heading.
//  - shot title = the heading, prompt = the scene's action text (the heading when there is none),
//    dialogue = "NAME: line" per speech, notes = [[notes]] and = synopses;
//  - acts: the first three level-1 sections ("# ACT ...") when the script has any (their text becomes the
//    act title; scenes before the first section go to act 1, later sections to act 3); otherwise scenes
//    are split 25/50/25 by action-text length (see actForPosition());
//  - duration: estimateDuration_s(); seed: a stable hash of the heading and position;
//  - title page "Title:" becomes the project name and the brief's title.
#include <QString>

#include "core/model/FountainParser.h"
#include "core/model/Project.h"

namespace shotcraft::model {

class FountainImporter {
 public:
  // Reads and converts a .fountain file. Errors (one line): unreadable, too large, empty, not UTF-8, no scenes.
  // `fallbackName` names the project when the title page has no Title.
  static bool importFile(const QString& scriptPath, const QString& fallbackName, Project* out, QString* error);
  static bool importText(const QString& text, const QString& fallbackName, Project* out, QString* error);
  static bool fromScript(const FountainScript& script, const QString& fallbackName, Project* out, QString* error);

  // Seconds for a scene: action words / 15 + dialogue words / 3 (speech), rounded to 0.5, clamped to 2..12.
  static double estimateDuration_s(int actionWords, int dialogueWords);
  // Act for a scene whose action-text span has its middle at `midFraction` (0..1) of the whole script's
  // action text: < 0.25 -> 0, < 0.75 -> 1, else 2.
  static int actForPosition(double midFraction);
};

}  // namespace shotcraft::model
