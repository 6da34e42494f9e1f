#include "ui/recent_files.hpp"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace likeness::ui {
namespace {
const char* const kRecentKey = "recentFiles";
const char* const kFolderKey = "lastFolder";
}  // namespace

QStringList RecentFiles::list() const {
    return QSettings().value(kRecentKey).toStringList();
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = list();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxEntries)
        files.removeLast();
    QSettings().setValue(kRecentKey, files);
    const QFileInfo info(absolute);
    setLastFolder(info.isDir() ? absolute : info.absolutePath());
}

void RecentFiles::clear() {
    QSettings().remove(kRecentKey);
}

QString RecentFiles::lastFolder() const {
    const QString folder = QSettings().value(kFolderKey).toString();
    return (!folder.isEmpty() && QDir(folder).exists()) ? folder : QDir::homePath();
}

void RecentFiles::setLastFolder(const QString& folder) {
    QSettings().setValue(kFolderKey, folder);
}

}  // namespace likeness::ui
