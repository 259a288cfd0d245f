package io.github.cloudkit.gateway.filters;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.netflix.config.DynamicBooleanProperty;
import com.netflix.config.DynamicPropertyFactory;
import com.netflix.zuul.FilterProcessor;
import com.netflix.zuul.ZuulFilter;
import com.netflix.zuul.context.RequestContext;
import com.netflix.zuul.exception.ZuulException;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Runs every Zuul filter as Zuul's own {@link FilterProcessor} does (the {@code zuul.<Filter>.<type>.disable}
 * switch, {@code shouldFilter}, {@code run}, the same {@link ZuulException}s), without the work per filter
 * and request that nothing in the kit reads, which a flight recording of the gateway found among its largest
 * costs: a new Archaius property object for the disable switch (here one per filter, still dynamic), the execution-summary string, and a Servo usage counter (the kit's metrics are Micrometer's).
 * A request with Zuul's routing debug on gets Zuul's own processor, summaries and all.
 */
@Component
public class LeanFilterProcessor extends FilterProcessor implements SmartInitializingSingleton {

	private final Map<ZuulFilter, DynamicBooleanProperty> disableSwitches = new ConcurrentHashMap<>();

	@Override
	public void afterSingletonsInstantiated() {
		FilterProcessor.setProcessor(this);
	}

	@Override
	public Object processZuulFilter(ZuulFilter filter) throws ZuulException {
		if (RequestContext.getCurrentContext().debugRouting()) {
			return super.processZuulFilter(filter);
		}
		try {
			return isDisabled(filter) || !filter.shouldFilter() ? null : filter.run();
		}
		catch (ZuulException ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new ZuulException(ex, "Filter threw Exception", 500,
					filter.filterType() + ":" + filter.getClass().getSimpleName());
		}
	}

	boolean isDisabled(ZuulFilter filter) {
		return disableSwitches.computeIfAbsent(filter, it -> DynamicPropertyFactory.getInstance()
				.getBooleanProperty(it.disablePropertyName(), false)).get();
	}
}
