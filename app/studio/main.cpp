// likeness-studio: the GUI. Opens the built-in demo, or the video/image given on the command
// line.
#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include "engine/core/version.hpp"
#include "ui/main_window.hpp"

int main(int argc, char** argv) {
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Likeness");
    QApplication::setApplicationName("Likeness Studio");
    QApplication::setApplicationVersion(QString::fromStdString(likeness::core::version()));

    QCommandLineParser parser;
    parser.setApplicationDescription("Likeness Studio: personalized face rigs from video.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("input", "Video, image, image folder or camera:N to open.",
                                 "[input]");
    QCommandLineOption mesh_option("mesh", "Mesh file to show in the 3D viewport.", "file");
    parser.addOption(mesh_option);
    QCommandLineOption screenshot_option(
        "screenshot", "Save a screenshot of the window to <file> after --delay ms, then quit.",
        "file");
    QCommandLineOption delay_option("delay", "Milliseconds before --screenshot.", "ms", "3000");
    parser.addOption(screenshot_option);
    parser.addOption(delay_option);
    parser.process(app);

    likeness::ui::MainWindow window;
    window.show();
    const QStringList inputs = parser.positionalArguments();
    if (inputs.isEmpty())
        window.openDemo();
    else
        window.openVideo(inputs.front());
    if (parser.isSet(mesh_option)) window.importMesh(parser.value(mesh_option));
    if (parser.isSet(screenshot_option)) {
        // Grab from the screen, not the widget: the Qt3D viewport is a native GL window.
        QTimer::singleShot(parser.value(delay_option).toInt(), &window, [&] {
            const QPixmap shot = window.screen()->grabWindow(0, window.x(), window.y(),
                                                             window.frameGeometry().width(),
                                                             window.frameGeometry().height());
            const bool saved = shot.save(parser.value(screenshot_option));
            QApplication::exit(saved ? 0 : 2);
        });
    }
    return app.exec();
}
