#include <QTest>
class tst_StreamServer : public QObject { Q_OBJECT };
QTEST_GUILESS_MAIN(tst_StreamServer)
#include "tst_streamserver.moc"
