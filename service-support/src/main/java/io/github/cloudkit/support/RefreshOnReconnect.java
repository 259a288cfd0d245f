package io.github.cloudkit.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;

/**
 * While the broker is unreachable a service hears no bus event: a commit made then would never reach it. When its
 * bus consumer is back on a queue it consumed from before (the broker restarted, the network came back), the
 * service refreshes once itself, so whatever was published meanwhile is applied. The binder's listener container
 * lives in a child context, whose events reach this one.
 */
class RefreshOnReconnect implements ApplicationListener<ConsumeOkEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RefreshOnReconnect.class);

	private final ContextRefresher refresher;

	private final Set<String> consumedQueues = ConcurrentHashMap.newKeySet();

	// A refresh takes a second or two: not on the consumer's thread, which would hold up the bus.
	private final ExecutorService refreshes = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "refresh-on-reconnect");
		thread.setDaemon(true);
		return thread;
	});

	RefreshOnReconnect(ContextRefresher refresher) {
		this.refresher = refresher;
	}

	@Override
	public void onApplicationEvent(ConsumeOkEvent event) {
		if (!consumedQueues.add(event.getQueue())) {
			refreshes.execute(() -> {
				log.info("Back on the bus (queue {}): refreshing, for any change published while it was unreachable", event.getQueue());
				refresher.refresh();
			});
		}
	}

	@Override
	public void destroy() {
		refreshes.shutdownNow();
	}

}
